import sanitizeHtml from 'sanitize-html';

// Mail is the most hostile HTML the hub renders: whatever a stranger sends lands in an agent's
// browser. Only formatting survives; anything that runs, loads or submits is removed here, once,
// before the HTML is stored, so no reader of the event has to remember to do it.
const formatting = ['p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'sub', 'sup', 'hr'];
const structure = ['blockquote', 'pre', 'code', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const tables = ['table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption'];

const options: sanitizeHtml.IOptions = {
  allowedTags: [...formatting, ...structure, ...tables, 'a', 'img'],
  // `dir` and `lang` keep Persian, Arabic and Hebrew mail right-to-left as its sender wrote it.
  allowedAttributes: {
    '*': ['dir', 'lang', 'title'],
    a: ['href', 'rel', 'target'],
    img: ['alt', 'width', 'height', 'data-remote-src'],
    td: ['colspan', 'rowspan', 'align'],
    th: ['colspan', 'rowspan', 'align'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  // script/style/textarea/noscript lose their content too, not only their tags.
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({
      tagName,
      attribs: {
        ...attribs,
        // Links open outside the agent's tab and tell the target nothing about the hub.
        rel: 'noopener noreferrer nofollow',
        target: '_blank',
      },
    }),
    img: (tagName, { src, alt, width, height }) => ({
      tagName,
      // Images stay inert: no `src`, so opening a mail never calls a tracking pixel. A remote
      // address is kept aside for a "show images" action; `cid:` and `data:` images are dropped.
      attribs: {
        ...(alt ? { alt } : {}),
        ...(width ? { width } : {}),
        ...(height ? { height } : {}),
        ...(src && /^https?:\/\//i.test(src) ? { 'data-remote-src': src } : {}),
      },
    }),
  },
};

/** Safe-to-render HTML of an email body: formatting, links and inert images only. */
export function sanitizeEmailHtml(html: string): string {
  return sanitizeHtml(html, options).trim();
}
