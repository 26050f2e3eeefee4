// Long lists draw only the rows near the screen. A list of 5,000 history entries or 500
// companies would otherwise put tens of thousands of nodes into the page (and the web view's
// memory); the page scrolls as usual, and padding above and below the drawn rows keeps the
// scroll bar and the position true.

/** Lists up to this long are drawn whole: searchable with the browser, no jumps. */
export const WINDOW_FROM = 120;
/** Rows drawn beyond each edge of the screen, so fast scrolling shows no gaps. */
const OVERSCAN = 12;
/** A row's height before any is measured (px). */
const GUESS = 56;

export class Windowed<T> {
  #items: () => readonly T[];
  #start = $state(0);
  #end = $state(0);
  /** Measured height of one drawn row (px); rows differ a little, the average is enough. */
  #row = $state(GUESS);

  constructor(items: () => readonly T[]) {
    this.#items = items;
  }

  get windowed(): boolean {
    return this.#items().length > WINDOW_FROM;
  }

  /** Where the first drawn row sits in the whole list (also after the list got shorter). */
  get offset(): number {
    return this.windowed ? Math.min(this.#start, this.#items().length - 1) : 0;
  }

  /** The rows to draw. */
  get visible(): readonly T[] {
    const items = this.#items();
    if (!this.windowed) return items;
    return items.slice(this.offset, Math.min(items.length, Math.max(this.#end, this.offset + 1)));
  }

  get padTop(): number {
    return this.offset * this.#row;
  }

  get padBottom(): number {
    if (!this.windowed) return 0;
    return Math.max(0, this.#items().length - this.offset - this.visible.length) * this.#row;
  }

  /**
   * Action for the list element: follows the page's scrolling and the window's size, and pads
   * the list for the rows it does not draw.
   */
  track = (node: HTMLElement) => {
    $effect(() => {
      node.style.paddingTop = `${this.padTop}px`;
      node.style.paddingBottom = `${this.padBottom}px`;
    });
    let frame = 0;
    const update = () => {
      frame = 0;
      const drawn = this.visible.length;
      const box = node.getBoundingClientRect();
      const inner = box.height - this.padTop - this.padBottom;
      if (this.windowed && drawn > 0 && inner > 0) this.#row = inner / drawn;
      const top = box.top;
      const view = globalThis.innerHeight || 800;
      const first = Math.floor(Math.max(0, -top) / this.#row);
      const last = Math.ceil(Math.max(0, view - top) / this.#row);
      this.#start = Math.max(0, first - OVERSCAN);
      this.#end = last + OVERSCAN;
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    update();
    // Capture: the page scrolls in whichever element holds it.
    document.addEventListener('scroll', schedule, { capture: true, passive: true });
    globalThis.addEventListener('resize', schedule);
    return {
      destroy() {
        if (frame) cancelAnimationFrame(frame);
        document.removeEventListener('scroll', schedule, { capture: true });
        globalThis.removeEventListener('resize', schedule);
      },
    };
  };
}
