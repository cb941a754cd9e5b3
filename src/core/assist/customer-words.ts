// What the customer wrote in one message, without what e-mail adds around it: the reply it quotes,
// a signature and the closing sign-off. A quoted "Great news, it is resolved! Thanks" or a company
// called "Happy Widgets" would otherwise read as the customer's own mood.

/** "On Tue, 4 Nov 2025 at 09:12, Support <help@desk.example> wrote:", perhaps wrapped. */
const ATTRIBUTION = /^on\b.{0,300}\bwrote:$/i;
/** Clients wrap a long attribution over up to this many lines. */
const ATTRIBUTION_LINES = 3;
/** "-----Original Message-----" (Outlook), "---------- Forwarded message ---------" (Gmail). */
const ORIGINAL_MESSAGE = /^-{2,}\s*(?:original|forwarded) message\s*-{2,}$/i;
/** The first line of Outlook's header block, "From: … / Sent: … / To: … / Subject: …". */
const OUTLOOK_FROM = /^from:\s*\S/i;
const OUTLOOK_SENT = /^(?:sent|date):\s*\S/i;
/** The signature delimiter "-- " (RFC 3676); mail clients often drop its trailing space. */
const SIGNATURE_DELIMITER = /^--$/;
/** A line of rule characters, such as Outlook's "________________" above its header block. */
const RULE_LINE = /^[_\-=*~]{2,}$/;
/** The words that close a mail: "Thanks,", "Kind regards", "Best". */
const CLOSING_WORDS = [
  '(?:many |with )?thanks',
  'thank you',
  'thx',
  'cheers',
  '(?:kind(?:est)?|best|warm(?:est)?|many) regards',
  'regards',
  'best wishes',
  'best',
  'all the best',
  '(?:yours )?sincerely',
  'yours truly',
  'respectfully',
];
/** What may follow them: "Many thanks again!", "Thank you for your help,". */
const CLOSING_TAILS = [
  ' again',
  ' in advance',
  ' so much',
  ' very much',
  ' a lot',
  ' for your help',
];
const CLOSING = new RegExp(
  `^(?:${CLOSING_WORDS.join('|')})(?:${CLOSING_TAILS.join('|')})?\\b[,.!]*`,
  'i',
);
/** A name after the closing words on the same line: "Cheers, Ann", "Thanks - John Smith". */
const CLOSING_NAME = /^(?:\s*[-–,]?\s*\p{Lu}[\p{L}.'-]*(?:\s+\p{Lu}[\p{L}.'-]*){0,2}[,.!]?)?$/u;
/** A mobile client's footer: "Sent from my iPhone", "Get Outlook for Android". */
const DEVICE_FOOTER = /^(?:sent from|get outlook for)\b.{0,40}$/i;
/** "Ltd.", "Inc.": a line under a sign-off may end with a full stop after one of these. */
const COMPANY_ABBREVIATION = /\b(?:ltd|inc|co|corp|llc|plc|gmbh|jr|sr)\.$/i;
/** How many name, title, company or contact lines a sign-off may carry below it. */
const MAX_SIGN_OFF_LINES = 5;

/** Whether a line closes a mail: closing words, perhaps with a name, or a device footer. */
function signOffLine(line: string): boolean {
  const closing = CLOSING.exec(line);
  return (
    (closing !== null && CLOSING_NAME.test(line.slice(closing[0].length))) ||
    DEVICE_FOOTER.test(line)
  );
}

/**
 * A name, job title, company or contact line under a sign-off: short, not a sentence, and opening
 * as a name does (a capital, a digit, "+44 …") unless it is an address ("ann@example.com").
 */
function signatureLine(line: string): boolean {
  if (line.length > 60 || line.split(/\s+/).length > 8 || /[!?]$/.test(line)) return false;
  // "Happy Widgets Ltd." ends with an abbreviation; "It is slow." is a sentence.
  if (line.endsWith('.') && !COMPANY_ABBREVIATION.test(line)) return false;
  return !/^\p{Ll}/u.test(line) || /@|:\/\/|^www\./i.test(line);
}

/** Whether an Outlook header block ("From: …" then "Sent: …") starts at line i. */
function outlookHeaderAt(lines: readonly string[], i: number): boolean {
  return (
    OUTLOOK_FROM.test(lines[i]!) && lines.slice(i + 1, i + 4).some((l) => OUTLOOK_SENT.test(l))
  );
}

/** The last line of an "On … wrote:" attribution starting at line i, or -1. */
function attributionEndAt(lines: readonly string[], i: number): number {
  if (!/^on\b/i.test(lines[i]!)) return -1;
  for (let end = i; end < Math.min(lines.length, i + ATTRIBUTION_LINES); end++) {
    if (ATTRIBUTION.test(lines.slice(i, end + 1).join(' '))) return end;
  }
  return -1;
}

/** The index of the line where a closing sign-off block starts, or -1 when the message has none. */
function signOffAt(lines: readonly string[]): number {
  let signOff = -1;
  let below = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    if (line === '') continue;
    if (signOffLine(line)) {
      signOff = i;
      below = 0;
    } else if (!signatureLine(line) || ++below > MAX_SIGN_OFF_LINES) break;
  }
  // A message that is all thanks ("Thank you so much!") keeps them: they are what it says.
  return signOff > 0 && lines.slice(0, signOff).some((line) => line !== '') ? signOff : -1;
}

/** Drops blank and rule lines from the end. */
function trimTrailing(lines: string[]): void {
  while (lines.length > 0 && (lines.at(-1) === '' || RULE_LINE.test(lines.at(-1)!))) lines.pop();
}

/**
 * The words the customer wrote in this message: quoted lines ("> …"), everything from a reply
 * header ("On … wrote:", "-----Original Message-----", Outlook's "From: … Sent: …") or a "-- "
 * signature delimiter on, and a closing sign-off with its name and company lines are dropped.
 */
export function customerWords(body: string): string {
  const lines = body.split(/\r\n?|\n/).map((line) => line.trim());
  const own: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (ORIGINAL_MESSAGE.test(line) || SIGNATURE_DELIMITER.test(line) || outlookHeaderAt(lines, i))
      break;
    const attributionEnd = attributionEndAt(lines, i);
    if (attributionEnd !== -1) {
      // Above a ">"-quoted block it only introduces that block, and a reply may follow the quote;
      // otherwise (Outlook, Apple Mail without quoting) the earlier mail follows unmarked.
      if (
        !lines
          .slice(attributionEnd + 1)
          .find((l) => l !== '')
          ?.startsWith('>')
      )
        break;
      i = attributionEnd;
      continue;
    }
    if (!line.startsWith('>')) own.push(line);
  }
  trimTrailing(own);
  const signOff = signOffAt(own);
  if (signOff !== -1) {
    own.length = signOff;
    trimTrailing(own);
  }
  return own.join('\n').trim();
}
