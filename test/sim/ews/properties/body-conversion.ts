import type { ItemBody } from '../../model/item-record.ts';

/**
 * BodyType in an item shape (Best | HTML | Text). Exchange converts between text and HTML on request;
 * the simulator does the simple, lossless-enough version of that.
 */
export type RequestedBodyType = 'Best' | 'HTML' | 'Text';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function textToHtml(text: string): string {
  const lines = escapeHtml(text).split(/\r?\n/).join('<br>\r\n');
  return `<html>\r\n<head>\r\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\r\n</head>\r\n<body>\r\n<div>${lines}</div>\r\n</body>\r\n</html>\r\n`;
}

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<br\s*\/?>/gi, '\r\n')
    .replace(/<\/(p|div|tr|li|h\d)>/gi, '\r\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_m, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&')
    .replace(/(\r\n){3,}/g, '\r\n\r\n')
    .trim();
}

export function convertBody(
  body: ItemBody,
  requested: RequestedBodyType,
): { type: 'HTML' | 'Text'; content: string } {
  if (requested === 'HTML' && body.type === 'text')
    return { type: 'HTML', content: textToHtml(body.content) };
  if (requested === 'Text' && body.type === 'html')
    return { type: 'Text', content: htmlToText(body.content) };
  return { type: body.type === 'html' ? 'HTML' : 'Text', content: body.content };
}
