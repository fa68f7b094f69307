/**
 * Plain English prose for measuring a real language model (GPT-2) when no text is given: what
 * `npm run experiment -- NAME --model gpt2.safetensors` reads. Written for this project, about
 * ordinary things, so that the model's loss on it is that of everyday text.
 */
/** Paragraphs wrapped for the source; GPT-2 reads them unwrapped, paragraphs apart by a blank line. */
export const ENGLISH_SAMPLE =
  `The town sits where the river bends twice before it reaches the sea. In the
morning the fishing boats go out past the old lighthouse, and by noon the market square is full of
people buying bread, cheese and fresh vegetables from the farms up the valley. Children walk to
school along the harbour wall, and the baker on the corner always gives them the broken biscuits
that nobody else will buy.

Most of the houses were built more than a hundred years ago from the grey stone of the hills. Their
roofs are steep because the winters are long and wet, and almost every window has a box of red
flowers in the summer. The library is the largest building in the town. It was paid for by a
merchant who made his fortune shipping wool to other countries, and his portrait still hangs above
the main staircase.

On Saturday evenings there is music in the hall beside the church. A band plays old songs, and the
older couples dance while the teenagers stand near the door and pretend not to watch. When the
weather is fine, people carry their chairs outside and talk until it is dark. Visitors often say
that nothing much happens here, and the people who live here usually agree, because that is exactly
why they stay.

In the autumn the storms arrive from the west. The harbour master closes the gates, the boats stay
tied up for days at a time, and the whole town listens to the wind against the shutters. Then the
sky clears, the air turns cold and bright, and everyone goes down to the beach to see what the sea
has left behind.`.replace(/(?<!\n)\n(?!\n)/g, ' ');

/**
 * What a model with a tokenizer of its own (GPT-2) is measured on, by the CLI and the lab alike
 * (analysis/textBatches.ts measuringWindows): `count` windows of `length` tokens of the sample,
 * each after the start token. Four of 32: their 4 × 31 next-token rows fit the 128 an inference
 * model runs at once (engine/budget.ts), so each pass is one batch, and a lesion sweep of GPT-2
 * small (25 passes, each from its lesion on) takes 19–26 s of CPU here
 * (docs/PERFORMANCE.md): what the lab's button may ask of a reader.
 */
export const TEXT_WINDOWS = { length: 32, count: 4 } as const;
