/** Accuracy and macro-F1 over the classes present in the gold labels. */
export interface Scores {
  accuracy: number;
  macroF1: number;
}

export function classification(gold: readonly number[], pred: readonly number[]): Scores {
  if (gold.length !== pred.length) throw new Error('gold and predictions differ in length');
  if (gold.length === 0) return { accuracy: 0, macroF1: 0 };
  const classes = [...new Set(gold)].sort((a, b) => a - b);
  let correct = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === pred[i]) correct++;
  let f1sum = 0;
  for (const c of classes) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < gold.length; i++) {
      const g = gold[i] === c;
      const p = pred[i] === c;
      if (g && p) tp++;
      else if (p) fp++;
      else if (g) fn++;
    }
    f1sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return { accuracy: correct / gold.length, macroF1: f1sum / classes.length };
}
