import type { DemoRandom } from './random';

const FIRST_NAMES: readonly string[] =
  'Anna,Ben,Clara,David,Elif,Felix,Greta,Hannah,Ivan,Jana,Jonas,Katrin,Lena,Lukas,Maria,Mehmet,Mia,Noah,Olga,Paul,Priya,Rafael,Sara,Simon,Sofia,Tobias,Ulrike,Valentina,Wei,Yusuf,Zoe,Amir,Beatriz,Chloe,Daniel,Emma,Farah,Georg,Helena,Igor,Julia,Kenji,Laura,Marco,Nina,Oskar,Petra,Quentin,Rosa,Stefan,Tanja,Uwe,Vera,Wiebke,Xavier,Yara,Aylin,Bruno,Carla,Dmitri'.split(
    ',',
  );

const LAST_NAMES: readonly string[] =
  "Müller,Schmidt,Schneider,Fischer,Weber,Meyer,Wagner,Becker,Schulz,Hoffmann,Koch,Richter,Klein,Wolf,Neumann,Schwarz,Zimmermann,Braun,Krüger,Hartmann,Lange,Werner,Krause,Lehmann,Köhler,Maier,Yilmaz,Kaya,Nowak,Kowalski,Rossi,Garcia,Martin,Dubois,Jansen,de Vries,Nielsen,Larsen,Novak,Horvat,Silva,Costa,Petrov,Ivanova,Chen,Wang,Nguyen,Kim,Sato,Patel,Singh,O'Brien,Murphy,Smith,Brown".split(
    ',',
  );

const COMPANY_STEMS: readonly string[] =
  'Nordwind,Bluefield,Alpenblick,Rheinkraft,Silberstein,Havelland,Brightwater,Elbtal,Greenway,Lindenhof,Sonnenberg,Ostwerk,Westhafen,Kranich,Falkner,Polaris,Meridian,Helix,Quantix,Vektor,Aurora,Solis,Tannenberg,Seeblick,Kobalt,Atlas,Orion,Vireo,Stahlgrund,Birkenau,Mainufer,Spreeblick,Lumen,Nexa,Corvid,Pinnacle,Brandt & Söhne,Weidmann,Hansa,Baltica'.split(
    ',',
  );

const COMPANY_TRADES: readonly string[] =
  'Logistics,Retail,Pharma,Energy,Foods,Media,Consulting,Engineering,Mobility,Insurance,Hotels,Software,Textiles,Analytics,Healthcare,Construction,Telecom,Finance,Optics,Robotics,Packaging,Furniture,Travel,Print,Agrar,Solar,Labs,Marine,Electronics,Security'.split(
    ',',
  );

const LEGAL_FORMS = ['GmbH', 'AG', 'SE', 'GmbH & Co. KG', 'Ltd', 'B.V.', 'S.A.', 'Inc.'] as const;

const LEGAL_WORDS: ReadonlySet<string> = new Set('gmbh,ag,se,co,kg,ltd,b,v,s,a,inc,and'.split(','));

const MAIL_DOMAINS = ['mail.example', 'post.example', 'inbox.example', 'web.example'] as const;

/** A person's full name, e.g. "Lena Hoffmann". */
export function personName(random: DemoRandom): string {
  return `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
}

/** A company name from its stem, trade and legal form, e.g. "Nordwind Logistics GmbH". */
export function companyName(random: DemoRandom): string {
  return `${random.pick(COMPANY_STEMS)} ${random.pick(COMPANY_TRADES)} ${random.pick(LEGAL_FORMS)}`;
}

/** The ASCII, lower-case, dot-separated form of a name, for e-mail addresses. */
export function emailLocalPart(name: string): string {
  return name
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/&/g, 'and')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '.')
    .replace(/^\.+|\.+$/g, '');
}

/** A private person's address at one of the reserved example mail domains. */
export function privateEmail(name: string, random: DemoRandom): string {
  return `${emailLocalPart(name)}@${random.pick(MAIL_DOMAINS)}`;
}

/** A company's support contact address, e.g. "it-support@nordwind-logistics.example". */
export function companyEmail(company: string): string {
  const words = emailLocalPart(company).split('.');
  const domain = words.filter((word) => !LEGAL_WORDS.has(word));
  return `it-support@${domain.join('-')}.example`;
}

/** A German-style phone number, e.g. "+49 30 5550 1234" (555 numbers are fictional). */
export function phoneNumber(random: DemoRandom): string {
  const area = random.pick(['30', '40', '69', '89', '221', '211', '711', '351']);
  return `+49 ${area} 555${random.int(0, 9)} ${String(random.int(0, 9999)).padStart(4, '0')}`;
}
