/** Focuses an element once it is in the document (instead of the `autofocus` attribute). */
export function autofocus(node: HTMLElement): void {
  node.focus();
}
