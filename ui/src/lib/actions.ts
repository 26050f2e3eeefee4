/** Focuses an element once it is in the document (instead of the `autofocus` attribute). */
export function autofocus(node: HTMLElement): void {
  node.focus();
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
