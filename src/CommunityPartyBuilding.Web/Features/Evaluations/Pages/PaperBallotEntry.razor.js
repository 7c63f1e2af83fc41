// Keyboard entry of paper ballots. Runs in the browser so that typing never waits for the server:
// 1/2/3 fill a row and move to the next one; the value reaches Blazor as a change event, in order.
const digits = { '1': '1', '2': '2', '3': '3', '１': '1', '２': '2', '３': '3' };

export function attach(grid) {
    if (!grid || grid.dataset.paperAttached) {
        return;
    }

    grid.dataset.paperAttached = 'true';
    const rows = () => Array.from(grid.querySelectorAll('input[data-rating]'));
    const save = () => {
        const active = document.activeElement;
        if (active && active.matches && active.matches('input[data-serial]')) {
            active.dispatchEvent(new Event('change', { bubbles: true }));
        }
        grid.querySelector('#paper-save')?.click();
    };
    const set = (input, value) => {
        if (input.value !== value) {
            input.value = value;
        }
        input.dispatchEvent(new Event('change', { bubbles: true }));
        input.closest('tr')?.classList.toggle('rated', value !== '');
    };
    const move = (input, delta) => {
        const list = rows();
        const next = list[list.indexOf(input) + delta];
        if (next) {
            next.focus();
            next.select();
        }
        return next;
    };
    const flag = input => {
        input.classList.remove('rejected');
        void input.offsetWidth;
        input.classList.add('rejected');
    };

    grid.addEventListener('keydown', e => {
        const target = e.target;
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            save();
            return;
        }
        if (target.matches('input[data-serial]')) {
            if (e.key === 'Enter' || e.key === 'ArrowDown') {
                e.preventDefault();
                const first = rows()[0];
                first?.focus();
                first?.select();
            }
            return;
        }
        if (!target.matches('input[data-rating]') || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) {
            return;
        }
        if (digits[e.key]) {
            e.preventDefault();
            set(target, digits[e.key]);
            move(target, 1);
            return;
        }
        switch (e.key) {
            case 'Enter': {
                e.preventDefault();
                const list = rows();
                if (list[list.length - 1] === target) {
                    save();
                } else {
                    move(target, 1);
                }
                return;
            }
            case 'ArrowDown':
                e.preventDefault();
                move(target, 1);
                return;
            case 'ArrowUp':
                e.preventDefault();
                if (!move(target, -1)) {
                    grid.querySelector('input[data-serial]')?.focus();
                }
                return;
            case ' ':
                e.preventDefault();
                set(target, '');
                move(target, 1);
                return;
            case 'Backspace':
            case 'Delete':
                e.preventDefault();
                set(target, '');
                return;
        }
        if (e.key.length === 1) {
            // Any other character: not a rating. Refuse it visibly.
            e.preventDefault();
            flag(target);
        }
    });

    // Input that bypasses keydown (an input method, paste): keep only a valid digit.
    grid.addEventListener('input', e => {
        const target = e.target;
        if (!target.matches('input[data-rating]')) {
            return;
        }
        const value = digits[target.value.slice(-1)] ?? '';
        if (!value && target.value) {
            flag(target);
        }
        set(target, value);
        if (value) {
            move(target, 1);
        }
    });
}

export function focusAndSelect(element) {
    if (element) {
        element.focus();
        element.select?.();
    }
}
