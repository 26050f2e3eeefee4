/** Focuses an element once it is in the document (instead of the `autofocus` attribute). */
export function autofocus(node: HTMLElement): void {
  node.focus();
}

/**
 * For a window `focusin` listener: a control that gets the focus under the sticky header (Tab
 * backwards scrolls it only just into the window) is scrolled down into sight. (CSS
 * `scroll-padding-top` would do it too, but WebKitWebDriver's clicks then miss low buttons.)
 */
export function scrollFocusBelowHeader(event: FocusEvent): void {
  const target = event.target;
  const header = document.querySelector('.app-header');
  if (!(target instanceof HTMLElement) || !header || header.contains(target)) return;
  const covered = header.getBoundingClientRect().bottom - target.getBoundingClientRect().top;
  if (covered > 0) window.scrollBy(0, -(covered + 16));
}

/**
 * After the screen changed: its title takes the focus (so that a screen reader reads where the
 * person is, and Tab goes on from there) when the focus was lost with the old screen or is on
 * the header's navigation. A field the new screen focused itself keeps it. The title of a
 * screen that is still loading is waited for, briefly.
 */
export function focusScreenTitle(tries = 20): void {
  // A retry may fire after the page (or a test's document) is gone.
  if (typeof document === 'undefined') return;
  const active = document.activeElement;
  const lost = !active || active === document.body || !active.isConnected;
  const fromNav = active instanceof HTMLElement && active.closest('.app-header nav') !== null;
  if (!lost && !fromNav) return;
  const title = document.querySelector<HTMLElement>('main h1[tabindex="-1"]');
  if (title) title.focus();
  else if (tries > 0) setTimeout(() => focusScreenTitle(tries - 1), 50);
}

/** Calls `cancel` when Escape is pressed inside the element (a form, a panel). */
export function escapeCancels(cancel: () => void) {
  return (node: HTMLElement) => {
    const onKeydown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      cancel();
    };
    node.addEventListener('keydown', onKeydown);
    return () => node.removeEventListener('keydown', onKeydown);
  };
}
