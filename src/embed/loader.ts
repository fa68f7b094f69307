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
import { EMBED_PARAM } from '../store/urlNames';
import { embedParams, HOST_SETTINGS } from './hostApi';

const scriptUrl = (document.currentScript as HTMLScriptElement | null)?.src ?? document.baseURI;

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
    this.send({ type: 'rse:set', ...values });
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
    const values: Record<string, string> = {};
    for (const a of HOST_SETTINGS) {
      const v = this.getAttribute(a);
      if (v !== null) values[a] = v;
    }
    const { search } = embedParams(values);
    search.set(EMBED_PARAM, view);
    const app = new URL(this.getAttribute('src') ?? './', scriptUrl);
    app.search = search.toString();
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
      this.dispatchEvent(new CustomEvent('rse-error', { detail: m.message }));
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
