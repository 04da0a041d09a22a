// Panels that a button opens and closes on narrow screens: the header's menu on every page,
// and on the chat page the room list and the member list. Loaded by the header fragment.
//
//   <button type="button" data-drawer aria-controls="rooms-drawer" aria-expanded="false">Rooms</button>
//
// The button toggles the class "open" on the element it controls, and its own
// aria-expanded. An open panel closes on Escape (focus goes back to its button), on a click
// outside it, when a link in it is followed, and, on the chat page, when another room is
// shown (#room-title changes). Opening a chat drawer moves the focus into it. Where a panel
// is always shown (wide screens), CSS hides its button and ignores "open".

const buttons = [...document.querySelectorAll('button[data-drawer][aria-controls]')];

function panelOf(button) {
  return document.getElementById(button.getAttribute('aria-controls'));
}

function isOpen(button) {
  return button.getAttribute('aria-expanded') === 'true';
}

function setOpen(button, open) {
  const panel = panelOf(button);
  button.setAttribute('aria-expanded', String(open));
  panel.classList.toggle('open', open);
  if (open && panel.hasAttribute('data-focus-on-open')) {
    const first = panel.querySelector('a[href], button:not([hidden]), input, textarea');
    if (first) {
      first.focus();
    } else {
      panel.tabIndex = -1;
      panel.focus();
    }
  }
}

function closeAll(except) {
  buttons.filter((button) => button !== except && isOpen(button)).forEach((button) => setOpen(button, false));
}

for (const button of buttons) {
  const panel = panelOf(button);
  if (!panel) {
    continue;
  }
  button.addEventListener('click', () => {
    closeAll(button);
    setOpen(button, !isOpen(button));
  });
  panel.addEventListener('click', (event) => {
    if (event.target.closest('a[href]')) {
      setOpen(button, false);
    }
  });
}

document.addEventListener('keydown', (event) => {
  if (event.key !== 'Escape') {
    return;
  }
  const open = buttons.find(isOpen);
  if (open) {
    const hadFocus = panelOf(open).contains(document.activeElement) || document.activeElement === open;
    setOpen(open, false);
    if (hadFocus) {
      open.focus();
    }
  }
});

document.addEventListener('click', (event) => {
  for (const button of buttons.filter(isOpen)) {
    if (!panelOf(button).contains(event.target) && !button.contains(event.target)) {
      setOpen(button, false);
    }
  }
});

const roomTitle = document.getElementById('room-title');
if (roomTitle) {
  new MutationObserver(() => closeAll()).observe(roomTitle, { childList: true, characterData: true, subtree: true });
}
