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

// Saves bytes produced by the server (e.g. an import error report) as a file.
window.portalDownload = async function (fileName, contentType, streamRef) {
    const buffer = await streamRef.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
};
