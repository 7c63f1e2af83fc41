// Session upkeep for signed-in pages: keeps the sliding cookie alive while the person is active in a long-lived
// circuit, and signs them out after the configured idle time. The server enforces the same limits on its own.
(function () {
    let lastActivity = Date.now();
    let lastPing = Date.now();
    const pingEveryMs = 5 * 60 * 1000;

    ["mousemove", "keydown", "click", "touchstart", "scroll"].forEach(function (name) {
        window.addEventListener(name, function () { lastActivity = Date.now(); }, { passive: true });
    });

    function signOut(reason) {
        const form = document.getElementById("portal-logout");
        if (!form) { return; }
        form.querySelector("input[name=reason]").value = reason || "";
        form.submit();
    }

    window.portalSession = { signOut: signOut };

    setInterval(function () {
        const marker = document.getElementById("portal-idle");
        if (!marker) { return; }
        const timeoutMs = parseInt(marker.dataset.timeoutMinutes || "30", 10) * 60 * 1000;
        const now = Date.now();
        if (now - lastActivity >= timeoutMs) {
            signOut("idle");
        } else if (now - lastActivity < pingEveryMs && now - lastPing >= pingEveryMs) {
            lastPing = now;
            fetch("/Account/KeepAlive", { method: "POST", credentials: "same-origin" });
        }
    }, 30 * 1000);
})();
