import { readUdhr, udhrText } from './udhr';
import { XNLI_LANGUAGES, type XnliLanguage } from './xnli-languages';

describe('readUdhr', () => {
  it('reads the preamble and 30 articles in every XNLI language, aligned by number', async () => {
    for (const language of XNLI_LANGUAGES) {
      const doc = await readUdhr(language);
      expect(doc.sections.map((s) => s.number)).toEqual(Array.from({ length: 31 }, (_, i) => i));
      for (const s of doc.sections) expect(s.paragraphs.length).toBeGreaterThan(0);
    }
  });

  it('reads the known English text of article 1', async () => {
    const en = await readUdhr('en');
    expect(en.sections[1]).toEqual({
      number: 1,
      title: 'Article 1',
      paragraphs: [
        'All human beings are born free and equal in dignity and rights. They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.',
      ],
    });
  });

  it('reads each language in its own script', async () => {
    const scripts: Array<[XnliLanguage, RegExp]> = [
      ['ru', /\p{Script=Cyrillic}/u],
      ['el', /\p{Script=Greek}/u],
      ['th', /\p{Script=Thai}/u],
      ['zh', /\p{Script=Han}/u],
      ['hi', /\p{Script=Devanagari}/u],
      ['ar', /\p{Script=Arabic}/u],
      ['ur', /\p{Script=Arabic}/u],
    ];
    for (const [language, script] of scripts) expect(await udhrText(language)).toMatch(script);
  });

  it('rejects a language outside XNLI', async () => {
    await expect(readUdhr('xx' as XnliLanguage)).rejects.toThrow(
      new TypeError(
        'readUdhr: language must be one of en, fr, es, de, el, bg, ru, tr, ar, vi, th, zh, hi, sw, ur; got "xx"',
      ),
    );
  });
});
