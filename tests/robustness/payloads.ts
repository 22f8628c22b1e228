/**
 * Hostile and awkward inputs shared by the robustness and security tests.
 *
 * Every XSS payload, if it ever ran, would set `window.__pwned` (or open a dialog), so a test only
 * has to check that flag, the dialogs seen and the DOM it rendered.
 */

export const XSS_PAYLOADS: readonly string[] = [
  '<img src=x onerror="window.__pwned=1">',
  '<svg onload="window.__pwned=2"></svg>',
  '<svg><script>window.__pwned=3</script></svg>',
  '[click me](javascript:window.__pwned=4)',
  '<a href="javascript:window.__pwned=5">link</a>',
  '</script><script>window.__pwned=6</script>',
  '"><iframe srcdoc="<script>parent.__pwned=7</script>"></iframe>',
  "'><img src=x onerror=alert(8)>",
  '<details open ontoggle="window.__pwned=9">x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned=10">',
  '{{constructor.constructor("window.__pwned=11")()}} ${window.__pwned=12}',
  '<a href="data:text/html,<script>window.__pwned=13</script>">data link</a>',
];

/** All payloads in one text, one per line (for a single text field). */
export const XSS_TEXT = XSS_PAYLOADS.join('\n');

/** Marks a value as the learner's own, so a test can check it never reaches the console. */
export const PERSONAL_MARKER = 'PERSONAL-DATA-7f3a9c';

export const AWKWARD_TEXTS = {
  emoji: 'Fever 🤒 after aspirin 💊 in a 👩🏽‍⚕️ team 🏳️‍🌈 — family 👨‍👩‍👧‍👦 ok.',
  mixedScripts: 'Aspirin 阿司匹林 аспирин ασπιρίνη アスピリン 아스피린 एस्पिरिन causes asthma.',
  rightToLeft: 'الأسبرين يخفض الحمى. האספירין מוריד חום. \u202eevil.exe\u202c after aspirin.',
  controlCharacters: 'fever\u0000\u0001\u0007\u0008\u001b[31mred\u001b[0m\u007f\u200b\u200d\ufeff after aspirin\r\n\ttab',
  markup: XSS_TEXT,
} as const;

/** About one megabyte of plain English (a pasted document). */
export function megabyteText(): string {
  const sentence = 'Cisplatin nephrotoxicity was seen in patients with testicular cancer. ';
  return sentence.repeat(Math.ceil(1_000_000 / sentence.length));
}
