import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerWords } from './customer-words';
import { analyzeSentiment } from './sentiment';

const GMAIL_REPLY = `This is still broken and I am furious.

On Mon, 3 Nov 2025 at 10:02, Escalation Desk <support@desk.example> wrote:
> Great news! Our engineers found the cause and the issue is now resolved.
> Thanks for your patience,
> Priya`;

const SIGNED = `The export still fails every night.

Kind regards,
John Smith
Happy Widgets Ltd`;

/** A message whose lines after "Thanks," are too many for a signature: all of it is kept. */
const LONG_AFTER_THANKS = `Hello,
Thanks,
The app crashes when I open it.
It froze twice on Monday
Then it logged me out
Then it lost my draft
Then it crashed again
Now it will not start`;

describe('customerWords', () => {
  it.each([
    ['a Gmail reply quoting the desk', GMAIL_REPLY, 'This is still broken and I am furious.'],
    [
      'an attribution wrapped over two lines',
      `Nothing has changed, the sync still drops orders.

On Tue, Nov 4, 2025 at 9:12 AM Escalation Desk <
support@desk.example> wrote:
> Happy to help! This should be fixed now.`,
      'Nothing has changed, the sync still drops orders.',
    ],
    [
      'an Outlook reply with its header block',
      `We are losing sales every hour this is down.

________________________________
From: Escalation Desk <support@desk.example>
Sent: Tuesday, November 4, 2025 9:12 AM
To: Ann Lee <ann@shop.example>
Subject: RE: Checkout down

Good news, the fix is live. Thank you!`,
      'We are losing sales every hour this is down.',
    ],
    [
      'an "Original Message" reply',
      `Still waiting for the refund.
-----Original Message-----
From: support@desk.example
Glad we could sort this out for you!`,
      'Still waiting for the refund.',
    ],
    [
      'a reply written below the quote',
      `On 4 Nov 2025, at 09:12, Escalation Desk <support@desk.example> wrote:
> Great news, it is resolved. Thanks!

It is not resolved, the report is still empty.`,
      'It is not resolved, the report is still empty.',
    ],
    [
      'answers written between quoted lines',
      `> Does the export work now?
No, it still times out.
> Is the new version installed?
Yes, since Monday.`,
      'No, it still times out.\nYes, since Monday.',
    ],
    ['a sign-off with name and company', SIGNED, 'The export still fails every night.'],
    [
      'a "-- " signature',
      `Third outage this week.
-- 
Ann Lee | Head of IT | Lee's Fine Foods
"Happiness is a well-run kitchen"`,
      'Third outage this week.',
    ],
    [
      'thanks, a name and a phone footer',
      `Hi,

the invoice is wrong again.

Thanks,
John

Sent from my iPhone`,
      'Hi,\n\nthe invoice is wrong again.',
    ],
    [
      'a sign-off with the name on its line',
      'The dashboard has been blank since the upgrade.\nCheers, Ann',
      'The dashboard has been blank since the upgrade.',
    ],
    [
      'a sign-off with contact lines',
      `Still no call back.

Best regards,
Maria Gonzalez
Operations Manager
Happy Widgets Ltd.
+44 20 7946 0958
maria.gonzalez@happywidgets.example`,
      'Still no call back.',
    ],
    [
      'a message that is only thanks',
      'Thank you so much, it works now!',
      'Thank you so much, it works now!',
    ],
    ['a thank-you line on its own', 'Thanks!', 'Thanks!'],
    [
      'thanks that are part of the message',
      'Thanks for the update, but the app still crashes on start.',
      'Thanks for the update, but the app still crashes on start.',
    ],
    [
      'a last line that is a sentence, not a name',
      'Thanks,\nbut it is slow.',
      'Thanks,\nbut it is slow.',
    ],
    ['more lines below "Thanks" than a signature has', LONG_AFTER_THANKS, LONG_AFTER_THANKS],
    ['a message that is only a quote', '> Great news, it is fixed!', ''],
    ['Windows line ends', 'Still broken.\r\n\r\nRegards,\r\nJohn', 'Still broken.'],
  ])('%s', (_name, body, expected) => {
    expect(customerWords(body)).toBe(expected);
  });

  it('reads the mood of what the customer wrote, not of what they quoted or signed', () => {
    expect(analyzeSentiment(customerWords(GMAIL_REPLY)).score).toBeLessThan(-0.5);
    expect(analyzeSentiment(customerWords(SIGNED)).score).toBeLessThan(-0.3);
  });

  it('keeps a plain message as written, less surrounding blank lines', () => {
    const line = fc
      .stringMatching(/^[A-Za-z][A-Za-z ,']{0,40}[a-z]$/)
      .filter((text) => !/^(?:on|from|sent|thanks|thank|regards|best|cheers)\b/i.test(text));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 4 }), (lines) => {
        const body = `${lines.join('.\n')}.`;
        expect(customerWords(`\n${body}\n\n`)).toBe(body);
      }),
    );
  });
});
