/**
 * The Porter stemming algorithm (M. F. Porter, 1980, "An algorithm for suffix stripping"), as in
 * the reference implementation on tartarus.org that Lucene's PorterStemFilter follows, with its
 * two published departures (`-bli → -ble`, `-logi → -log`). Input: one lower-case word.
 * @example
 * porterStem('relational'); // 'relat'
 */
export function porterStem(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  const b = word.split('');
  let k = b.length - 1;
  let j = 0;

  const cons = (i: number): boolean => {
    const c = b[i]!;
    if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
    if (c === 'y') return i === 0 ? true : !cons(i - 1);
    return true;
  };
  /** Number of consonant–vowel sequences in b[0..j]. */
  const m = (): number => {
    let n = 0;
    let i = 0;
    for (;;) {
      if (i > j) return n;
      if (!cons(i)) break;
      i++;
    }
    i++;
    for (;;) {
      for (;;) {
        if (i > j) return n;
        if (cons(i)) break;
        i++;
      }
      i++;
      n++;
      for (;;) {
        if (i > j) return n;
        if (!cons(i)) break;
        i++;
      }
      i++;
    }
  };
  const vowelInStem = (): boolean => {
    for (let i = 0; i <= j; i++) if (!cons(i)) return true;
    return false;
  };
  const doubleC = (i: number): boolean => i >= 1 && b[i] === b[i - 1] && cons(i);
  const cvc = (i: number): boolean => {
    if (i < 2 || !cons(i) || cons(i - 1) || !cons(i - 2)) return false;
    const c = b[i];
    return c !== 'w' && c !== 'x' && c !== 'y';
  };
  const ends = (s: string): boolean => {
    const l = s.length;
    if (l > k + 1) return false;
    for (let t = 0; t < l; t++) if (b[k - l + 1 + t] !== s[t]) return false;
    j = k - l;
    return true;
  };
  const setTo = (s: string): void => {
    for (let t = 0; t < s.length; t++) b[j + 1 + t] = s[t]!;
    k = j + s.length;
  };
  const r = (s: string): void => {
    if (m() > 0) setTo(s);
  };
  const rules = (pairs: readonly (readonly [string, string])[]): void => {
    for (const [from, to] of pairs) {
      if (ends(from)) {
        r(to);
        return;
      }
    }
  };

  // Step 1ab: plurals and -ed / -ing.
  if (b[k] === 's') {
    if (ends('sses')) k -= 2;
    else if (ends('ies')) setTo('i');
    else if (b[k - 1] !== 's') k--;
  }
  if (ends('eed')) {
    if (m() > 0) k--;
  } else if ((ends('ed') || ends('ing')) && vowelInStem()) {
    k = j;
    if (ends('at')) setTo('ate');
    else if (ends('bl')) setTo('ble');
    else if (ends('iz')) setTo('ize');
    else if (doubleC(k)) {
      k--;
      const c = b[k];
      if (c === 'l' || c === 's' || c === 'z') k++;
    } else if (m() === 1 && cvc(k)) setTo('e');
  }
  // Step 1c: y → i when there is another vowel in the stem.
  if (ends('y') && vowelInStem()) b[k] = 'i';
  // Step 2: double suffixes to single ones.
  if (k > 0) {
    const step2: Record<string, readonly (readonly [string, string])[]> = {
      a: [['ational', 'ate'], ['tional', 'tion']],
      c: [['enci', 'ence'], ['anci', 'ance']],
      e: [['izer', 'ize']],
      l: [['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous']],
      o: [['ization', 'ize'], ['ation', 'ate'], ['ator', 'ate']],
      s: [['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous']],
      t: [['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble']],
      g: [['logi', 'log']],
    };
    rules(step2[b[k - 1]!] ?? []);
  }
  // Step 3: -ic-, -full, -ness etc.
  const step3: Record<string, readonly (readonly [string, string])[]> = {
    e: [['icate', 'ic'], ['ative', ''], ['alize', 'al']],
    i: [['iciti', 'ic']],
    l: [['ical', 'ic'], ['ful', '']],
    s: [['ness', '']],
  };
  rules(step3[b[k]!] ?? []);
  // Step 4: -ant, -ence etc. in context <c>vcvc<v>.
  if (k > 0) {
    const step4: Record<string, readonly string[]> = {
      a: ['al'],
      c: ['ance', 'ence'],
      e: ['er'],
      i: ['ic'],
      l: ['able', 'ible'],
      n: ['ant', 'ement', 'ment', 'ent'],
      o: ['ion', 'ou'],
      s: ['ism'],
      t: ['ate', 'iti'],
      u: ['ous'],
      v: ['ive'],
      z: ['ize'],
    };
    for (const suffix of step4[b[k - 1]!] ?? []) {
      if (!ends(suffix)) continue;
      if (suffix === 'ion' && !(j >= 0 && (b[j] === 's' || b[j] === 't'))) continue;
      if (m() > 1) k = j;
      break;
    }
  }
  // Step 5: final -e and -ll.
  j = k;
  if (b[k] === 'e') {
    const a = m();
    if (a > 1 || (a === 1 && !cvc(k - 1))) k--;
  }
  if (b[k] === 'l' && doubleC(k) && m() > 1) k--;
  return b.slice(0, k + 1).join('');
}
