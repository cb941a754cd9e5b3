import { describe, expect, it } from 'vitest';
import {
  companyEmail,
  companyName,
  emailLocalPart,
  personName,
  phoneNumber,
  privateEmail,
} from './names';
import { DemoRandom } from './random';

describe('demo names', () => {
  it('makes plausible people and companies', () => {
    const random = new DemoRandom(9);
    for (let i = 0; i < 50; i++) {
      expect(personName(random)).toMatch(/^[A-Z][a-z]+ \S.*$/);
      expect(companyName(random)).toMatch(
        /^\S.* (GmbH|AG|SE|GmbH & Co\. KG|Ltd|B\.V\.|S\.A\.|Inc\.)$/,
      );
      expect(phoneNumber(random)).toMatch(/^\+49 \d{2,3} 555\d \d{4}$/);
    }
  });

  it.each([
    ['Lena Müller', 'lena.mueller'],
    ['Jörg Weiß', 'joerg.weiss'],
    ["Sean O'Brien", 'sean.o.brien'],
    ['André de Vries', 'andre.de.vries'],
    ['Brandt & Söhne Retail', 'brandt.and.soehne.retail'],
  ])('turns %s into the address part %s', (name, local) => {
    expect(emailLocalPart(name)).toBe(local);
  });

  it('addresses people and companies at reserved example domains', () => {
    expect(privateEmail('Lena Müller', new DemoRandom(1))).toMatch(/^lena\.mueller@\w+\.example$/);
    expect(companyEmail('Nordwind Logistics GmbH & Co. KG')).toBe(
      'it-support@nordwind-logistics.example',
    );
  });
});
