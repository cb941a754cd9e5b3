import { z } from 'zod';
import {
  CHANNELS,
  CUSTOMER_TIERS,
  PRIORITIES,
  type Channel,
  type CustomerTier,
  type Priority,
} from '@core/index';

/** What the new-escalation form holds; its draft stores exactly this. */
export interface EscalationForm {
  /** The text in the customer field: a search, an existing customer's name or a new one's. */
  customerName: string;
  /** The existing customer picked from the list; null while the name is a search or new. */
  customerId: string | null;
  /** Whether the name was confirmed as a new customer (shows the tier, email and phone fields). */
  newCustomer: boolean;
  newCustomerTier: CustomerTier;
  newCustomerEmail: string;
  newCustomerPhone: string;
  channel: Channel;
  category: string;
  priority: Priority;
  title: string;
  description: string;
  /** The team the ticket goes to, chosen by the user (a routing suggestion only offers one). */
  teamId: string | null;
}

/** The fields that can be invalid, in the order they appear (the first invalid one gets focus). */
export const FIELD_ORDER = [
  'customerName',
  'newCustomerTier',
  'newCustomerEmail',
  'newCustomerPhone',
  'channel',
  'category',
  'priority',
  'title',
  'description',
  'teamId',
] as const satisfies readonly (keyof EscalationForm)[];
export type FieldName = (typeof FIELD_ORDER)[number];
export type FieldErrors = Partial<Record<FieldName, string>>;

export const FIELD_LABELS: Record<FieldName, string> = {
  customerName: 'Customer',
  newCustomerTier: 'Tier',
  newCustomerEmail: 'Email',
  newCustomerPhone: 'Phone',
  channel: 'Channel',
  category: 'Category',
  priority: 'Priority',
  title: 'Title',
  description: 'Description',
  teamId: 'Team',
};

/** Channels in the order the form offers them: the desk's front line first. */
export const CHANNEL_OPTIONS: readonly { value: Channel; label: string }[] = [
  { value: 'store', label: 'In store' },
  { value: 'phone', label: 'Phone' },
  { value: 'email', label: 'Email' },
  { value: 'chat', label: 'Chat' },
  { value: 'web', label: 'Web form' },
  { value: 'social', label: 'Social' },
];

export const PRIORITY_OPTIONS: readonly { value: Priority; label: string; hint: string }[] = [
  { value: 'P1', label: 'Critical', hint: 'Business stopped or many customers hit' },
  { value: 'P2', label: 'High', hint: 'Serious impact, no workaround' },
  { value: 'P3', label: 'Normal', hint: 'Real impact, a workaround exists' },
  { value: 'P4', label: 'Low', hint: 'A question or a minor issue' },
];

export const TIER_LABELS: Record<CustomerTier, string> = {
  enterprise: 'Enterprise',
  business: 'Business',
  standard: 'Standard',
};

export const LIMITS = { customerName: 100, category: 60, title: 120, description: 5000 } as const;

/** A blank form; the channel is the desk's default (the last one used here). */
export function emptyForm(channel: Channel = 'store'): EscalationForm {
  return {
    customerName: '',
    customerId: null,
    newCustomer: false,
    newCustomerTier: 'standard',
    newCustomerEmail: '',
    newCustomerPhone: '',
    channel,
    category: '',
    priority: 'P3',
    title: '',
    description: '',
    teamId: null,
  };
}

/** Whether nothing worth keeping has been typed (choices left at their defaults do not count). */
export function isBlankForm(form: EscalationForm): boolean {
  return (
    form.customerId === null &&
    [
      form.customerName,
      form.newCustomerEmail,
      form.newCustomerPhone,
      form.category,
      form.title,
      form.description,
    ].every((text) => text.trim() === '')
  );
}

/** Whether the form will create a customer (a name typed that is not a picked customer). */
export function isNewCustomer(form: EscalationForm): boolean {
  return form.customerId === null && form.customerName.trim() !== '';
}

/** Reads a stored draft leniently: a field that no longer fits falls back to its blank value. */
export function formFromDraft(value: unknown): EscalationForm | null {
  const blank = emptyForm();
  const parsed = z
    .object({
      customerName: z.string().catch(blank.customerName),
      customerId: z.string().nullable().catch(null),
      newCustomer: z.boolean().catch(false),
      newCustomerTier: z.enum(CUSTOMER_TIERS).catch(blank.newCustomerTier),
      newCustomerEmail: z.string().catch(''),
      newCustomerPhone: z.string().catch(''),
      channel: z.enum(CHANNELS).catch(blank.channel),
      category: z.string().catch(''),
      priority: z.enum(PRIORITIES).catch(blank.priority),
      title: z.string().catch(''),
      description: z.string().catch(''),
      teamId: z.string().nullable().catch(null),
    })
    .safeParse(value);
  return parsed.success ? parsed.data : null;
}

function requiredText(max: number, missing: string, tooLong: string) {
  return z.string().trim().min(1, missing).max(max, tooLong);
}

// A phone number as people type it: digits with spaces, dots, dashes, brackets, a leading "+".
const PHONE_PATTERN = /^\+?[\d\s().-]+$/;

const EscalationSchema = z.object({
  customerName: requiredText(
    LIMITS.customerName,
    'Pick a customer from the list, or type a new customer’s name.',
    `Keep the customer’s name under ${LIMITS.customerName} characters.`,
  ),
  newCustomerTier: z.enum(CUSTOMER_TIERS, { error: 'Choose the customer’s tier.' }),
  newCustomerEmail: z
    .string()
    .trim()
    .refine(
      (email) => email === '' || z.email().safeParse(email).success,
      'Enter an email address like name@example.com, or leave it empty.',
    ),
  newCustomerPhone: z
    .string()
    .trim()
    .refine(
      (phone) =>
        phone === '' || (PHONE_PATTERN.test(phone) && phone.replace(/\D/g, '').length >= 5),
      'Enter a phone number (digits, spaces, + ( ) -), or leave it empty.',
    ),
  channel: z.enum(CHANNELS, { error: 'Choose where the escalation came in.' }),
  category: requiredText(
    LIMITS.category,
    'Choose a category or type one.',
    `Keep the category under ${LIMITS.category} characters.`,
  ),
  priority: z.enum(PRIORITIES, { error: 'Choose a priority.' }),
  title: requiredText(
    LIMITS.title,
    'Give the escalation a short title.',
    `Keep the title under ${LIMITS.title} characters.`,
  ),
  description: requiredText(
    LIMITS.description,
    'Describe what happened and what the customer needs.',
    `Keep the description under ${LIMITS.description} characters.`,
  ),
});

const NEW_CUSTOMER_FIELDS: ReadonlySet<FieldName> = new Set([
  'newCustomerTier',
  'newCustomerEmail',
  'newCustomerPhone',
]);

/** Every field's first problem, in the words the form shows; empty when the form can be logged. */
export function validateEscalation(form: EscalationForm): FieldErrors {
  const result = EscalationSchema.safeParse(form);
  if (result.success) return {};
  const errors: FieldErrors = {};
  const checksNewCustomer = isNewCustomer(form);
  for (const issue of result.error.issues) {
    const field = issue.path[0] as FieldName;
    if (NEW_CUSTOMER_FIELDS.has(field) && !checksNewCustomer) continue;
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The first field, in form order, that has an error. */
export function firstInvalidField(errors: FieldErrors): FieldName | undefined {
  return FIELD_ORDER.find((field) => errors[field] !== undefined);
}
