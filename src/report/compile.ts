// One entry point for every compiled form of a report, with its content type.
import type { Report } from '../../forms/model';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderText } from './text';

export const FORMATS = ['html', 'text', 'json'] as const;
export type Format = (typeof FORMATS)[number];

const CONTENT_TYPES: Record<Format, string> = {
  html: 'text/html; charset=utf-8',
  text: 'text/plain; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

const RENDERERS: Record<Format, (r: Report) => string> = {
  html: renderHtml,
  text: renderText,
  json: renderJson,
};

export function isFormat(value: string): value is Format {
  return (FORMATS as readonly string[]).includes(value);
}

export function compileReport(report: Report, format: Format): { body: string; contentType: string } {
  return { body: RENDERERS[format](report), contentType: CONTENT_TYPES[format] };
}
