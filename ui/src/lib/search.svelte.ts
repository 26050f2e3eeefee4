// The search dialog (Ctrl+K / ⌘K): whether it is open. The core searches; see SearchDialog.
class SearchState {
  open = $state(false);

  show(): void {
    this.open = true;
  }

  close(): void {
    this.open = false;
  }
}

export const searchDialog = new SearchState();
