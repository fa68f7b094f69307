// The demo post drives its embeds through the documented API (docs/EMBED.md):
// buttons step one figure, and scrolling steps another.
document.addEventListener('DOMContentLoaded', () => {
  const norms = document.getElementById('embed-norms');
  const label = document.getElementById('step-label');
  let layer = 2;
  const show = () => {
    norms.set({ layer });
    label.textContent =
      layer === 0 ? 'showing the embedding' : `showing the stream after layer ${layer}`;
  };
  document.getElementById('step-back').addEventListener('click', () => {
    layer = Math.max(0, layer - 1);
    show();
  });
  document.getElementById('step-forward').addEventListener('click', () => {
    layer = Math.min(4, layer + 1);
    show();
  });

  // The decomposition figure follows the reader: the further past it, the deeper the layer.
  const decomposition = document.getElementById('embed-decomposition');
  let shown = -1;
  window.addEventListener(
    'scroll',
    () => {
      const box = decomposition.getBoundingClientRect();
      const progress = (window.innerHeight - box.top) / (window.innerHeight + box.height);
      const next = Math.max(0, Math.min(4, Math.floor(progress * 5)));
      if (next !== shown) {
        shown = next;
        decomposition.set({ layer: next });
      }
    },
    { passive: true },
  );
});
