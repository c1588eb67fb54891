import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCsv } from './csv';

/** One labelled text; `label` is the integer written in the file. */
export interface Row {
  text: string;
  label: number;
}

export type FileFormat = 'tsv' | 'csv' | 'tweeteval' | 'davidson';

/** Where the labelled sets live (../shared/data from the repository root). */
export const DATA_DIR = path.resolve(import.meta.dirname, '../../../shared/data');

/** Guess the format from the file name. */
export function detectFormat(file: string): FileFormat {
  const base = path.basename(file);
  if (base === 'labeled_data.csv') return 'davidson';
  if (base.endsWith('.tsv')) return 'tsv';
  if (base.endsWith('.csv')) return 'csv';
  if (base.endsWith('_text.txt')) return 'tweeteval';
  throw new Error(`cannot tell the format of ${file}; pass --format tsv|csv|tweeteval|davidson`);
}

function toLabel(raw: string | undefined, where: string): number {
  const s = (raw ?? '').trim();
  if (!/^\d+$/.test(s)) throw new Error(`${where}: label ${JSON.stringify(raw)} is not an integer`);
  return Number(s);
}

/**
 * HTML character references as the Davidson tweets carry them (`&amp;`, `&#128514;`):
 * decoded so the model sees the text a reader saw.
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos);/gi, (m, e: string) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    const cp = k.startsWith('#x') ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
}

/**
 * Read a labelled file.
 * - tsv: header `sentence<TAB>label` (SST-2);
 * - csv: header `label,review` (Chinese sets);
 * - tweeteval: `*_text.txt` with `*_labels.txt` beside it;
 * - davidson: `labeled_data.csv`, label = `class` (0 hate, 1 offensive, 2 neither).
 */
export function readLabelled(file: string, format: FileFormat = detectFormat(file)): Row[] {
  const raw = readFileSync(file, 'utf8');
  if (format === 'tsv') {
    const lines = raw.split(/\r?\n/);
    const header = (lines[0] ?? '').split('\t');
    const si = header.indexOf('sentence');
    const li = header.indexOf('label');
    if (si < 0 || li < 0) throw new Error(`${file}: the header must name "sentence" and "label" columns`);
    const rows: Row[] = [];
    lines.slice(1).forEach((line, k) => {
      if (line.trim() === '') return;
      const cols = line.split('\t');
      rows.push({ text: cols[si] ?? '', label: toLabel(cols[li], `${file}:${k + 2}`) });
    });
    return rows;
  }
  if (format === 'csv' || format === 'davidson') {
    const table = parseCsv(raw);
    const header = table[0] ?? [];
    const li = header.indexOf(format === 'csv' ? 'label' : 'class');
    const ti = header.indexOf(format === 'csv' ? 'review' : 'tweet');
    if (li < 0 || ti < 0) throw new Error(`${file}: the header must name ${format === 'csv' ? '"label" and "review"' : '"class" and "tweet"'}`);
    const rows: Row[] = [];
    table.slice(1).forEach((cols, k) => {
      if (cols.length === 1 && cols[0] === '') return;
      const text = cols[ti] ?? '';
      rows.push({ text: format === 'davidson' ? decodeEntities(text) : text, label: toLabel(cols[li], `${file}: row ${k + 2}`) });
    });
    return rows;
  }
  const labelsFile = file.replace(/_text\.txt$/, '_labels.txt');
  if (labelsFile === file || !existsSync(labelsFile)) throw new Error(`${file}: no ${path.basename(labelsFile)} beside it`);
  const texts = raw.split(/\r?\n/);
  const labels = readFileSync(labelsFile, 'utf8').split(/\r?\n/);
  while (texts.length > 0 && texts[texts.length - 1] === '') texts.pop();
  while (labels.length > 0 && labels[labels.length - 1]!.trim() === '') labels.pop();
  if (texts.length !== labels.length) throw new Error(`${file}: ${texts.length} texts but ${labels.length} labels`);
  return texts.map((text, k) => ({ text, label: toLabel(labels[k], `${labelsFile}:${k + 1}`) }));
}

/** The labelled files of ../shared/data this model is trained and tested on. */
export const SOURCES = {
  sst2: 'sentiment/sst2/sst2_train_subset_6735.tsv',
  tweeteval: 'sentiment/tweeteval/val_text.txt',
  chnsenticorp: 'sentiment/chinese/ChnSentiCorp_htl_all.csv',
  waimai: 'sentiment/chinese/waimai_train_8987.csv',
  olidTrain: 'toxicity/olid/train_text.txt',
  olidVal: 'toxicity/olid/val_text.txt',
  davidson: 'toxicity/davidson/labeled_data.csv',
  hateval: 'toxicity/hateval/val_text.txt',
} as const;

export type SourceName = keyof typeof SOURCES;

export function readSource(name: SourceName): Row[] {
  return readLabelled(path.join(DATA_DIR, SOURCES[name]));
}
