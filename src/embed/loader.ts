/**
 * embed.js: the one-line loader for blog posts. It defines <residual-explorer>, which becomes
 * an iframe of the app showing one view. The iframe is made only when the element comes near
 * the screen (a post with five embeds loads one model at a time, as the reader scrolls), and
 * it takes the height its content reports, so it never scrolls inside the post.
 *
 *   <script src="…/embed.js" defer></script>
 *   <residual-explorer view="norms" skips="off" layer="2"></residual-explorer>
 *
 * The host page drives it with element.set({ layer: 3 }), element.play() and element.pause(),
 * or by changing its attributes. See docs/EMBED.md.
 */
import { echo } from '../store/problems';
import { EMBED_PARAM } from '../store/urlNames';
import { embedParams, HOST_SETTINGS } from './hostApi';

const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? document.baseURI;

/**
 * Longer attribute values (a whole paragraph as `text`) go to the view by postMessage once it
 * is up: in the frame's URL they could make a request line the server refuses (431).
 */
const MAX_URL_VALUE = 500;

type HostMessage =
  { type: 'rse:set'; [key: string]: unknown } | { type: 'rse:play' } | { type: 'rse:pause' };

class ResidualExplorerElement extends HTMLElement {
  static observedAttributes = [...HOST_SETTINGS];
  private frame: HTMLIFrameElement | null = null;
  private ready = false;
  private queue: HostMessage[] = [];
  private observer: IntersectionObserver | null = null;

  connectedCallback(): void {
    this.style.display = 'block';
    if (this.frame || this.observer) return;
    const placeholder = document.createElement('div');
    placeholder.textContent = 'Residual Stream Explorer loads when you scroll here…';
    placeholder.style.minHeight = `${Number(this.getAttribute('height')) || 320}px`;
    placeholder.style.display = 'flex';
    placeholder.style.alignItems = 'center';
    placeholder.style.justifyContent = 'center';
    placeholder.style.color = '#777';
    placeholder.style.font = '14px system-ui, sans-serif';
    placeholder.style.border = '1px dashed #bbb';
    placeholder.style.borderRadius = '8px';
    this.replaceChildren(placeholder);
    this.observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) this.load();
      },
      { rootMargin: '200px 0px' },
    );
    this.observer.observe(this);
  }

  disconnectedCallback(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (this.frame && old !== value && value !== null) this.set({ [name]: value });
  }

  /** Sets any of HOST_SETTINGS (see hostApi), e.g. `set({ layer: 3, skips: false })`. */
  set(values: Record<string, unknown>): void {
    // Checked here too, so a value postMessage cannot copy (a function) is refused by name
    // instead of throwing, and a thousand unknown keys make one error event.
    const { search, problems } = embedParams(values);
    for (const p of problems) this.report(p);
    this.send({ type: 'rse:set', ...Object.fromEntries(search) });
  }

  play(): void {
    this.send({ type: 'rse:play' });
  }

  pause(): void {
    this.send({ type: 'rse:pause' });
  }

  /** The iframe, once it has been created (for tests and curious hosts). */
  get iframe(): HTMLIFrameElement | null {
    return this.frame;
  }

  private send(message: HostMessage): void {
    if (this.frame?.contentWindow && this.ready) this.frame.contentWindow.postMessage(message, '*');
    else this.queue.push(message);
  }

  private load(): void {
    this.observer?.disconnect();
    this.observer = null;
    const view = this.getAttribute('view') ?? 'norms';
    const src = this.getAttribute('src') ?? './';
    const app = URL.canParse(src, scriptUrl) ? new URL(src, scriptUrl) : null;
    // A `javascript:` address would run in this page's origin: only web addresses become frames.
    if (app?.protocol !== 'http:' && app?.protocol !== 'https:') {
      return this.refuse(`src “${echo(src)}” is not an http(s) address`);
    }
    if (view.length > MAX_URL_VALUE) return this.refuse(`there is no view called “${echo(view)}”`);
    const values: Record<string, string> = {};
    const long: Record<string, string> = {};
    for (const a of HOST_SETTINGS) {
      const v = this.getAttribute(a);
      if (v !== null) (v.length > MAX_URL_VALUE ? long : values)[a] = v;
    }
    const { search } = embedParams(values);
    search.set(EMBED_PARAM, view);
    app.search = search.toString();
    // Before any set() the host made while the frame loaded, as if it were in the URL.
    if (Object.keys(long).length > 0) this.queue.unshift({ type: 'rse:set', ...long });
    const frame = document.createElement('iframe');
    frame.src = app.href;
    frame.title = `Residual Stream Explorer: ${view}`;
    frame.style.width = '100%';
    frame.style.border = '0';
    frame.style.display = 'block';
    frame.style.height = `${Number(this.getAttribute('height')) || 320}px`;
    this.frame = frame;
    this.replaceChildren(frame);
  }

  /** Shows why no frame was made, on the element where the view would have been. */
  private refuse(why: string): void {
    const message = `Residual Stream Explorer: ${why}; nothing was loaded.`;
    const note = document.createElement('p');
    note.setAttribute('role', 'alert');
    note.textContent = message;
    note.style.font = '14px system-ui, sans-serif';
    note.style.color = '#b3261e';
    this.replaceChildren(note);
    this.report(message);
  }

  private report(message: string): void {
    this.dispatchEvent(new CustomEvent('rse-error', { detail: message }));
  }

  /** Called by the shared message listener with what our iframe posted. */
  receive(data: unknown): void {
    if (typeof data !== 'object' || data === null) return;
    const m = data as { type?: unknown; height?: unknown; message?: unknown };
    if (
      m.type === 'rse:height' &&
      typeof m.height === 'number' &&
      m.height > 0 &&
      m.height < 20_000 &&
      this.frame
    ) {
      this.frame.style.height = `${Math.ceil(m.height)}px`;
    } else if (m.type === 'rse:ready') {
      this.ready = true;
      const queued = this.queue;
      this.queue = [];
      for (const q of queued) this.send(q);
      this.dispatchEvent(new CustomEvent('rse-ready'));
    } else if (m.type === 'rse:error' && typeof m.message === 'string') {
      this.report(m.message);
    }
  }
}

if (!customElements.get('residual-explorer')) {
  customElements.define('residual-explorer', ResidualExplorerElement);
  window.addEventListener('message', (e) => {
    for (const el of document.querySelectorAll('residual-explorer')) {
      const embed = el as ResidualExplorerElement;
      if (embed.iframe && e.source === embed.iframe.contentWindow) embed.receive(e.data);
    }
  });
}
