import type { RootCause } from '../tickets';
import type { DemoRandom } from './random';

/** The ticket categories of the demo desk; each has a specialist team of the same name. */
export const DEMO_CATEGORIES = [
  'billing',
  'network',
  'hardware',
  'accounts',
  'returns',
  'platform',
] as const;
export type DemoCategory = (typeof DEMO_CATEGORIES)[number];

interface CategoryTexts {
  /** What went wrong: a title and the sentence that opens the description. */
  issues: readonly (readonly [title: string, opening: string])[];
  /** Where or when, appended to the title. */
  contexts: readonly string[];
  /** What the customer already tried. */
  tried: readonly string[];
  /** Why first line hands the ticket to the specialists. */
  functionalReasons: readonly string[];
  /** Internal notes while working on it. */
  notes: readonly string[];
  /** What the desk waits for from a third party. */
  thirdParty: readonly string[];
  /** Likely root causes, with weights. */
  rootCauses: readonly (readonly [RootCause, number])[];
}

const TEXTS: Record<DemoCategory, CategoryTexts> = {
  billing: {
    issues: [
      ['Invoice charged twice', 'The customer was charged twice for the same invoice.'],
      ['Refund not received', 'A refund that was promised has not arrived on the account.'],
      ['Wrong VAT on invoice', 'The invoice shows the wrong VAT rate for the billing address.'],
      ['Direct debit failed', 'The direct debit was returned by the bank and a fee was added.'],
      ['Unexpected price increase', 'The monthly amount went up without any notice.'],
      ['Credit note missing', 'A credit note agreed on the phone never reached the customer.'],
      ['Subscription billed after cancellation', 'Billing continued after the contract ended.'],
      ['Payment not allocated', 'A bank transfer arrived but the invoice still shows as open.'],
      ['Dunning letter in error', 'A reminder with late fees was sent although the bill was paid.'],
      ['Discount not applied', 'The agreed volume discount is missing from the invoice.'],
    ],
    contexts: [
      'on the last invoice',
      'after the plan change',
      'for the business account',
      'for two months in a row',
      'after moving to annual billing',
      'on the consolidated invoice',
      'since the bank details changed',
      'for the second time',
    ],
    tried: [
      'The customer sent a copy of the bank statement.',
      'The customer already called twice about it.',
      'The customer checked the billing address in the portal.',
      'The accounting department of the customer asked for a corrected invoice.',
    ],
    functionalReasons: [
      'Needs a billing specialist to correct the invoice run',
      'Refund requires billing back-office approval',
      'Payment allocation can only be fixed by Billing',
    ],
    notes: [
      'Checked the payment history: two debits on the same day.',
      'Invoice run log shows a retry after a timeout.',
      'Customer is on a legacy tariff; discount rules differ.',
      'Asked finance whether a goodwill credit is possible.',
    ],
    thirdParty: [
      'Waiting for the bank to confirm the return reason',
      'Waiting for the payment provider to release the refund',
    ],
    rootCauses: [
      ['billing_error', 5],
      ['process_gap', 2],
      ['user_error', 1],
      ['documentation_gap', 1],
    ],
  },
  network: {
    issues: [
      ['Connection drops every few minutes', 'The line loses sync several times an hour.'],
      ['Site offline', 'The whole site has no connectivity.'],
      ['Slow throughput', 'Speed tests show a fraction of the booked bandwidth.'],
      ['VPN tunnel down', 'The site-to-site VPN to head office does not come up.'],
      ['High latency to data centre', 'Round-trip times to the data centre went above 200 ms.'],
      ['Wi-Fi unstable in store', 'Handheld scanners keep losing the store Wi-Fi.'],
      ['DNS resolution failing', 'Internal host names cannot be resolved.'],
      ['Static IP not routed', 'The static IP range is not reachable from outside.'],
      ['Packet loss on fibre line', 'Monitoring shows 5–10% packet loss on the fibre line.'],
      ['Router not provisioning', 'The new router does not pick up its configuration.'],
    ],
    contexts: [
      'at the main office',
      'in the Hamburg branch',
      'since the weekend',
      'after the firmware update',
      'during business hours',
      'at two stores',
      'since the line migration',
      'every evening',
    ],
    tried: [
      'The router was restarted twice.',
      'The customer swapped the patch cable.',
      'Line diagnostics were run from the portal.',
      'The on-site IT checked the switch ports.',
    ],
    functionalReasons: [
      'Needs line measurement by the network team',
      'Core routing change needed; first line has no access',
      'Possible area outage; network operations to investigate',
    ],
    notes: [
      'Line test shows CRC errors on the last mile.',
      'No known outage in the area at the moment.',
      'Remote reset of the port done; monitoring for an hour.',
      'Firmware on the CPE is two versions behind.',
    ],
    thirdParty: [
      'Waiting for the carrier to dispatch a field engineer',
      'Waiting for the carrier to repair the street cabinet',
      'Waiting for the building owner to grant access',
    ],
    rootCauses: [
      ['third_party', 4],
      ['configuration', 3],
      ['capacity', 2],
      ['product_defect', 1],
    ],
  },
  hardware: {
    issues: [
      ['Terminal does not boot', 'The device stays on the boot logo.'],
      ['Receipt printer jams', 'The receipt printer jams on every second receipt.'],
      ['Laptop battery swelling', 'The battery of the laptop is visibly swollen.'],
      ['Scanner not recognised', 'The barcode scanner is not detected by the till.'],
      ['Display flickers', 'The screen flickers and goes dark for seconds at a time.'],
      ['Device overheating', 'The unit shuts down after about twenty minutes of use.'],
      ['Card reader error', 'The card reader shows error 0x21 on every payment.'],
      ['Replacement device faulty', 'The replacement device arrived with the same fault.'],
      ['Docking station not charging', 'Laptops on the docking station do not charge.'],
      ['Keyboard keys unresponsive', 'Several keys stopped working.'],
    ],
    contexts: [
      'in the flagship store',
      'after the last update',
      'for three units',
      'under warranty',
      'at the service counter',
      'since delivery',
      'on the night shift',
      'in the warehouse',
    ],
    tried: [
      'The device was reset to factory settings.',
      'The customer tried another power supply.',
      'Photos of the device were attached to the ticket.',
      'The serial number was checked against the warranty list.',
    ],
    functionalReasons: [
      'Needs a hardware specialist to decide on repair or swap',
      'Warranty swap has to be approved by the hardware team',
      'Suspected batch defect; hardware team to confirm',
    ],
    notes: [
      'Serial number is in the batch with known power issues.',
      'Advance replacement possible if stock allows.',
      'Courier pick-up booked for the faulty unit.',
      'Diagnostics log uploaded by the customer.',
    ],
    thirdParty: [
      'Waiting for the manufacturer to confirm the warranty swap',
      'Waiting for spare parts from the supplier',
      'Waiting for the courier to collect the device',
    ],
    rootCauses: [
      ['product_defect', 5],
      ['third_party', 2],
      ['user_error', 1],
      ['configuration', 1],
    ],
  },
  accounts: {
    issues: [
      ['Cannot log in', 'The user gets "invalid credentials" although the password was reset.'],
      ['Two-factor codes not arriving', 'The text messages with sign-in codes never arrive.'],
      ['Account locked', 'The account was locked after several failed attempts.'],
      ['Admin rights missing', 'The new administrator cannot manage users.'],
      ['Single sign-on broken', 'Sign-in through the company identity provider fails.'],
      ['User cannot be removed', 'A former employee still appears and cannot be deleted.'],
      ['Wrong company on account', 'The account is linked to the wrong company record.'],
      ['Password reset link expired', 'Every password reset link is already expired when opened.'],
      [
        'Duplicate customer account',
        'The customer has two accounts and sees half the orders in each.',
      ],
      ['Email address change not saved', 'The new contact email reverts after a day.'],
    ],
    contexts: [
      'for the whole team',
      'after the email change',
      'since this morning',
      'for the finance users',
      'on the mobile app',
      'after the SSO migration',
      'for new hires',
      'in the partner portal',
    ],
    tried: [
      'The user cleared the browser cache and cookies.',
      'A password reset was requested twice.',
      'The customer tried from another device.',
      'The identity provider logs were shared.',
    ],
    functionalReasons: [
      'Needs the accounts team to merge the records',
      'Identity provider settings need a specialist',
      'Admin role change requires account security review',
    ],
    notes: [
      'Audit log shows the lock came from an old mobile session.',
      'SAML response is missing the email attribute.',
      'Verified the caller with the security questions.',
      'Two accounts share the same tax number.',
    ],
    thirdParty: ['Waiting for the SMS gateway provider to check delivery'],
    rootCauses: [
      ['user_error', 3],
      ['configuration', 3],
      ['documentation_gap', 2],
      ['product_defect', 1],
    ],
  },
  returns: {
    issues: [
      ['Return label not working', 'The carrier rejects the return label.'],
      ['Refund after return missing', 'The returned goods arrived but no refund was made.'],
      ['Wrong item delivered', 'The parcel contained a different product.'],
      ['Parcel lost in return', 'The return parcel is shown as lost by the carrier.'],
      ['Exchange not shipped', 'The replacement for an exchange has not been sent.'],
      ['Damaged on arrival', 'The goods arrived damaged and the customer wants a swap.'],
      ['Return window dispute', 'The return was refused as late although it was sent in time.'],
      ['Partial refund only', 'Only part of the order value was refunded.'],
      ['Pick-up missed', 'The carrier did not come for the agreed pick-up.'],
      ['Restocking fee charged', 'A restocking fee was charged for a faulty item.'],
    ],
    contexts: [
      'for a bulk order',
      'for order 4711',
      'from the online shop',
      'for a store purchase',
      'after two weeks',
      'for the second time',
      'with express shipping',
      'for a gift order',
    ],
    tried: [
      'The customer printed the label twice.',
      'Tracking number and photos are attached.',
      'The customer went back to the store.',
      'The customer already contacted the carrier.',
    ],
    functionalReasons: [
      'Needs the returns team to trace the parcel',
      'Refund outside the standard rules needs returns approval',
      'Carrier claim has to be filed by Returns',
    ],
    notes: [
      'Warehouse confirms the parcel was received.',
      'Carrier scan stops at the regional hub.',
      'Offered an exchange instead of a refund.',
      'Return was logged against the wrong order line.',
    ],
    thirdParty: [
      'Waiting for the carrier to complete the parcel search',
      'Waiting for the warehouse inspection of the returned goods',
    ],
    rootCauses: [
      ['process_gap', 4],
      ['third_party', 3],
      ['user_error', 1],
      ['documentation_gap', 1],
    ],
  },
  platform: {
    issues: [
      ['API returns 500 errors', 'Calls to the orders API fail with HTTP 500.'],
      ['Webhook deliveries delayed', 'Webhooks arrive hours after the event.'],
      ['Report export times out', 'The monthly report export never finishes.'],
      ['Integration sync stopped', 'The ERP integration stopped syncing orders.'],
      ['Dashboard shows no data', 'The dashboard is empty for all users.'],
      ['Rate limit hit unexpectedly', 'The API answers 429 far below the contract limit.'],
      ['Data import rejected', 'The CSV import is rejected with an unclear message.'],
      ['Scheduled job not running', 'The nightly job has not run since Tuesday.'],
      ['Search results outdated', 'Search shows products that were removed days ago.'],
      ['Mobile app crashes on start', 'The app closes right after the splash screen.'],
    ],
    contexts: [
      'in production',
      'since the last release',
      'for the EU tenant',
      'during the nightly batch',
      'for large accounts',
      'after the API key rotation',
      'on Android devices',
      'at peak times',
    ],
    tried: [
      'The customer retried with a fresh API key.',
      'Request ids and timestamps were provided.',
      'The integration was restarted on the customer side.',
      'The customer checked the status page.',
    ],
    functionalReasons: [
      'Needs platform engineering to read the service logs',
      'Possible defect in the last release; platform team to confirm',
      'Queue backlog on our side; platform operations to act',
    ],
    notes: [
      'Error rate on the orders service is up since 10:00.',
      'Found the failing request ids in the gateway logs.',
      'Known issue, fix planned for the next release.',
      'Workaround: smaller export batches work.',
    ],
    thirdParty: ['Waiting for the cloud provider to resolve a regional incident'],
    rootCauses: [
      ['product_defect', 4],
      ['capacity', 2],
      ['configuration', 2],
      ['third_party', 1],
    ],
  },
};

const IMPACTS = [
  'Several users are affected.',
  'The customer cannot work normally until this is fixed.',
  'This blocks the month-end closing.',
  'Sales at the till are affected.',
  'The customer has a workaround but it costs time.',
  'The customer is considering cancelling the contract.',
  'It affects only one user so far.',
  'The customer needs an answer before Friday.',
] as const;

const HIERARCHICAL_REASONS = [
  'Customer asked to speak to a manager',
  'Key account at risk; needs a supervisor decision',
  'Goodwill credit above agent limit needs approval',
  'Repeated failure; needs a decision on priority',
  'Specialist blocked; supervisor to unblock resources',
] as const;

const DE_ESCALATION_REASONS = [
  'Workaround confirmed; first line can follow up',
  'Specialist fixed the configuration; back to first line for confirmation',
  'Cause found and handled; returning to the original owner',
] as const;

const PENDING_CUSTOMER = [
  ['Asked the customer for screenshots', 'Could you send us screenshots of the problem?'],
  ['Asked the customer to confirm the order number', 'Could you confirm the order number?'],
  ['Waiting for the customer to test the workaround', 'Please try the workaround and tell us.'],
  ['Asked the customer for a time to call', 'When would be a good time to call you?'],
  ['Asked the customer for the log files', 'Could you send us the log files?'],
] as const;

const CUSTOMER_MESSAGES = [
  'Any news on this?',
  'Here is the information you asked for.',
  'The problem happened again this morning.',
  'Thanks, we will test it today.',
  'This is getting urgent for us.',
  'I attached the requested files.',
  'This is unacceptable. We have waited for days and nobody calls back!',
  'Still not working. We are really disappointed with the service.',
  'Great, that fixed it for us. Thank you!',
  'Our staff are frustrated: the problem keeps coming back.',
] as const;

const UPDATES = [
  'We are still working on it and will update you by tomorrow.',
  'Our specialists are analysing the logs you sent.',
  'We found a likely cause and are testing a fix.',
  'A workaround is available; details below.',
  'We are waiting for our partner and will come back to you.',
  'Thank you for your patience; the investigation continues.',
] as const;

const ACKNOWLEDGEMENTS = [
  'Thank you for contacting us. We have received your request and are looking into it.',
  'Thanks for the details. An agent has taken over your case.',
  'We have logged your case and will keep you updated.',
] as const;

const ROOT_CAUSE_NOTES: Record<RootCause, string> = {
  product_defect: 'Defect confirmed; fix delivered or scheduled with the next release.',
  configuration: 'Wrong setting corrected; change documented in the account.',
  documentation_gap: 'Instructions were unclear; knowledge base article updated.',
  process_gap: 'Hand-over between teams was missing; process step added.',
  third_party: 'Caused by a partner; their fix confirmed with the customer.',
  billing_error: 'Billing run error corrected and the amount refunded.',
  user_error: 'Handling error; customer shown the correct steps.',
  capacity: 'Capacity limit reached; resources increased.',
  other: 'Solved case by case; no pattern found.',
};

const REOPENS = [
  ['Customer reports the problem is back', 'The problem is back since this morning.'],
  ['The fix did not work for all users', 'It still does not work for some of our users.'],
  ['Customer disagrees with the resolution', 'We do not agree that this is solved.'],
] as const;

const CSAT_COMMENTS: Record<'low' | 'mid' | 'high', readonly string[]> = {
  low: ['Took far too long.', 'Nobody kept me informed.', 'I had to chase you several times.'],
  mid: ['Solved in the end.', 'OK, but slow.', 'Fine.'],
  high: ['Great help, thank you!', 'Quick and friendly.', 'Very professional.'],
};

/** The texts of a category, for titles, notes and reasons. */
export function categoryTexts(category: DemoCategory): CategoryTexts {
  return TEXTS[category];
}

/** A ticket title and description for a category, combined from the category's phrases. */
export function ticketText(
  category: DemoCategory,
  random: DemoRandom,
): { title: string; description: string } {
  const texts = TEXTS[category];
  const [issue, opening] = random.pick(texts.issues);
  const context = random.pick(texts.contexts);
  const description = `${opening} ${random.pick(texts.tried)} ${random.pick(IMPACTS)}`;
  return { title: `${issue} ${context}`, description };
}

/** A reason for a hierarchical escalation. */
export function hierarchicalReason(random: DemoRandom): string {
  return random.pick(HIERARCHICAL_REASONS);
}

/** A reason for handing a ticket back down a level. */
export function deEscalationReason(random: DemoRandom): string {
  return random.pick(DE_ESCALATION_REASONS);
}

/** What the desk asks the customer for when it waits for them: the pause reason and the question. */
export function pendingCustomerReason(random: DemoRandom): { reason: string; message: string } {
  const [reason, message] = random.pick(PENDING_CUSTOMER);
  return { reason, message };
}

/** A message from the customer. */
export function customerMessage(random: DemoRandom): string {
  return random.pick(CUSTOMER_MESSAGES);
}

/** A progress update to the customer. */
export function updateMessage(random: DemoRandom): string {
  return random.pick(UPDATES);
}

/** The first answer to the customer. */
export function acknowledgementMessage(random: DemoRandom): string {
  return random.pick(ACKNOWLEDGEMENTS);
}

/** The notes recorded with a root cause. */
export function rootCauseNotes(rootCause: RootCause): string {
  return ROOT_CAUSE_NOTES[rootCause];
}

/** Why a ticket was reopened, and the customer's message that reopened it. */
export function reopenReason(random: DemoRandom): { reason: string; message: string } {
  const [reason, message] = random.pick(REOPENS);
  return { reason, message };
}

/** An optional customer comment that fits a satisfaction score. */
export function csatComment(score: number, random: DemoRandom): string | undefined {
  if (!random.chance(0.4)) return undefined;
  const band = score <= 2 ? 'low' : score === 3 ? 'mid' : 'high';
  return random.pick(CSAT_COMMENTS[band]);
}

/** The customer-update templates of the demo desk. */
export const DEMO_TEMPLATES: readonly { id: string; name: string; body: string }[] = [
  {
    id: 'tpl-acknowledge',
    name: 'Acknowledgement',
    body: 'Hello,\n\nthank you for contacting us. We have received your request and an agent is looking into it. We will update you as soon as we know more.\n\nKind regards,\nCustomer Service',
  },
  {
    id: 'tpl-investigating',
    name: 'Still investigating',
    body: 'Hello,\n\nwe are still working on your case. Our specialists are analysing the information you sent, and we will give you the next update within the agreed time.\n\nKind regards,\nCustomer Service',
  },
  {
    id: 'tpl-need-info',
    name: 'Need more information',
    body: 'Hello,\n\nto continue we need a few more details from you: screenshots of the problem, the time it happened and the affected user or order number. As soon as we have them, we carry on.\n\nKind regards,\nCustomer Service',
  },
  {
    id: 'tpl-escalated',
    name: 'Escalated to specialists',
    body: 'Hello,\n\nyour case has been passed to our specialist team, who will take it from here. You keep the same ticket number, and we will keep you informed.\n\nKind regards,\nCustomer Service',
  },
  {
    id: 'tpl-workaround',
    name: 'Workaround available',
    body: 'Hello,\n\nwhile we work on a permanent fix, the following workaround should let you continue. Please let us know whether it works for you.\n\nKind regards,\nCustomer Service',
  },
  {
    id: 'tpl-resolved',
    name: 'Resolved — please confirm',
    body: 'Hello,\n\nwe believe the problem is solved. Please check on your side; if anything is still wrong, just reply to this message and we will reopen your case.\n\nKind regards,\nCustomer Service',
  },
];
