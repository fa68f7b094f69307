// Node resolve hook: tfjs-core's ES-module files import siblings without the '.js' extension.
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (err) {
    const fromTfjs = context.parentURL && context.parentURL.includes('/@tensorflow/');
    if (!fromTfjs || !specifier.startsWith('.')) throw err;
    return next(specifier + '.js', context);
  }
}
