// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { porterStem } from './porter-stemmer';

/** Pairs from Porter's paper and the reference vocabulary (voc.txt / output.txt on tartarus.org). */
const PAIRS: [string, string][] = [
  ['caresses', 'caress'], ['ponies', 'poni'], ['ties', 'ti'], ['caress', 'caress'], ['cats', 'cat'],
  ['feed', 'feed'], ['agreed', 'agre'], ['plastered', 'plaster'], ['bled', 'bled'], ['motoring', 'motor'],
  ['sing', 'sing'], ['conflated', 'conflat'], ['troubled', 'troubl'], ['sized', 'size'], ['hopping', 'hop'],
  ['tanned', 'tan'], ['falling', 'fall'], ['hissing', 'hiss'], ['fizzed', 'fizz'], ['failing', 'fail'],
  ['filing', 'file'], ['happy', 'happi'], ['sky', 'sky'], ['relational', 'relat'], ['conditional', 'condit'],
  ['rational', 'ration'], ['valenci', 'valenc'], ['hesitanci', 'hesit'], ['digitizer', 'digit'],
  ['conformabli', 'conform'], ['radicalli', 'radic'], ['differentli', 'differ'], ['vileli', 'vile'],
  ['analogousli', 'analog'], ['vietnamization', 'vietnam'], ['predication', 'predic'], ['operator', 'oper'],
  ['feudalism', 'feudal'], ['decisiveness', 'decis'], ['hopefulness', 'hope'], ['callousness', 'callous'],
  ['formaliti', 'formal'], ['sensitiviti', 'sensit'], ['sensibiliti', 'sensibl'], ['triplicate', 'triplic'],
  ['formative', 'form'], ['formalize', 'formal'], ['electriciti', 'electr'], ['electrical', 'electr'],
  ['hopeful', 'hope'], ['goodness', 'good'], ['revival', 'reviv'], ['allowance', 'allow'], ['inference', 'infer'],
  ['airliner', 'airlin'], ['gyroscopic', 'gyroscop'], ['adjustable', 'adjust'], ['defensible', 'defens'],
  ['irritant', 'irrit'], ['replacement', 'replac'], ['adjustment', 'adjust'], ['dependent', 'depend'],
  ['adoption', 'adopt'], ['homologous', 'homolog'], ['communism', 'commun'], ['activate', 'activ'],
  ['angulariti', 'angular'], ['effective', 'effect'], ['bowdlerize', 'bowdler'], ['probate', 'probat'],
  ['rate', 'rate'], ['cease', 'ceas'], ['controll', 'control'], ['roll', 'roll'], ['generalizations', 'gener'],
  ['oscillators', 'oscil'], ['diabetes', 'diabet'], ['diabetic', 'diabet'], ['symptoms', 'symptom'],
  ['archaeology', 'archaeolog'], ['abatements', 'abat'], ['knightly', 'knightli'],
];

describe('porterStem(word)', () => {
  it.each(PAIRS)('porterStem(%s) is %s', (word, stem) => {
    expect(porterStem(word)).toBe(stem);
  });
  it('leaves short words, digits and non-ASCII words alone', () => {
    expect(porterStem('is')).toBe('is');
    expect(porterStem('covid19')).toBe('covid19');
    expect(porterStem('café')).toBe('café');
  });
});
