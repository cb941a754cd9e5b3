import { logMessage } from '@core/index';
import { useLiveQuery } from 'dexie-react-hooks';
import { forwardRef, useId, useState, type KeyboardEvent } from 'react';
import { FormDialog } from '../../components/FormDialog';
import { db } from '../../db/database';
import { applyWorkflow } from '../../db/ticket-writes';
import { useDeskStore } from '../../store';

type Kind = 'to_customer' | 'from_customer' | 'note';

const KINDS: { value: Kind; label: string; action: string; hint: string }[] = [
  {
    value: 'to_customer',
    label: 'Update to customer',
    action: 'Send update',
    hint: 'Restarts the next-update SLA.',
  },
  {
    value: 'from_customer',
    label: 'Customer message',
    action: 'Log message',
    hint: 'Something the customer sent or said.',
  },
  { value: 'note', label: 'Internal note', action: 'Add note', hint: 'Only the desk sees this.' },
];

/** Fills a template's placeholders ({customer}, {ticket}) for this ticket. */
export function fillTemplate(body: string, values: { customer: string; ticket: string }): string {
  return body.replaceAll('{customer}', values.customer).replaceAll('{ticket}', values.ticket);
}

/** Turns a written update back into a template: this customer's name and ticket id become placeholders. */
export function templateBody(text: string, values: { customer: string; ticket: string }): string {
  let body = text;
  if (values.ticket) body = body.replaceAll(values.ticket, '{ticket}');
  if (values.customer) body = body.replaceAll(values.customer, '{customer}');
  return body;
}

/** Writes customer updates (from templates), logs incoming messages and internal notes. */
export const Composer = forwardRef<
  HTMLTextAreaElement,
  { ticketId: string; customerName: string; disabled: boolean }
>(function Composer({ ticketId, customerName, disabled }, textareaRef) {
  const id = useId();
  const templates = useLiveQuery(() => db.templates.orderBy('name').toArray(), []) ?? [];
  const pushToast = useDeskStore((state) => state.pushToast);
  const [kind, setKind] = useState<Kind>('to_customer');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [savingTemplate, setSavingTemplate] = useState(false);
  const [templateName, setTemplateName] = useState('');
  const current = KINDS.find((entry) => entry.value === kind)!;

  const submit = async () => {
    setError(null);
    try {
      await applyWorkflow(
        ticketId,
        (ticket, ctx) => logMessage(ticket, kind, body, ctx),
        Date.now(),
      );
      setBody('');
      pushToast({
        tone: 'success',
        title:
          kind === 'to_customer'
            ? 'Update sent'
            : kind === 'note'
              ? 'Note added'
              : 'Message logged',
      });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    }
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape') {
      // Leave the text field so the ticket's one-key shortcuts work again.
      (event.target as HTMLTextAreaElement).blur();
    }
  };

  return (
    <section className="card composer" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Messages</h2>
      <div className="segmented" role="radiogroup" aria-label="Kind of message">
        {KINDS.map((entry) => (
          <label
            key={entry.value}
            className={kind === entry.value ? 'segment selected' : 'segment'}
          >
            <input
              type="radio"
              name={`${id}-kind`}
              value={entry.value}
              checked={kind === entry.value}
              onChange={() => setKind(entry.value)}
            />
            {entry.label}
          </label>
        ))}
      </div>
      {kind === 'to_customer' && templates.length ? (
        <div className="form-row">
          <label htmlFor={`${id}-template`}>Template</label>
          <select
            id={`${id}-template`}
            value=""
            onChange={(event) => {
              const template = templates.find((entry) => entry.id === event.target.value);
              if (template)
                setBody(fillTemplate(template.body, { customer: customerName, ticket: ticketId }));
            }}
          >
            <option value="">Insert a template…</option>
            {templates.map((template) => (
              <option key={template.id} value={template.id}>
                {template.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <label htmlFor={`${id}-body`} className="visually-hidden">
        {current.label}
      </label>
      <textarea
        id={`${id}-body`}
        ref={textareaRef}
        value={body}
        onChange={(event) => setBody(event.target.value)}
        onKeyDown={onKeyDown}
        rows={4}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        placeholder={kind === 'to_customer' ? `Write to ${customerName}…` : 'Write…'}
      />
      <div className="composer-foot">
        <span id={`${id}-hint`} className="muted">
          {current.hint} <kbd>Ctrl</kbd>+<kbd>Enter</kbd> to send, <kbd>Esc</kbd> to leave the
          field.
        </span>
        <div className="toolbar">
          {kind === 'to_customer' && body.trim() ? (
            <button type="button" className="button" onClick={() => setSavingTemplate(true)}>
              Save as template
            </button>
          ) : null}
          <button
            type="button"
            className="button primary"
            disabled={disabled}
            onClick={() => void submit()}
          >
            {current.action}
          </button>
        </div>
      </div>
      <FormDialog
        open={savingTemplate}
        onOpenChange={setSavingTemplate}
        title="Save as template"
        description="Reuse this text for other customer updates. {customer} and {ticket} are filled in when it is inserted."
        submitLabel="Save template"
        onSubmit={async () => {
          const name = templateName.trim();
          if (!name) throw new Error('Give the template a name.');
          const template = templateBody(body, { customer: customerName, ticket: ticketId });
          await db.templates.put({ id: `tpl-${crypto.randomUUID()}`, name, body: template });
          setTemplateName('');
          pushToast({ tone: 'success', title: `Template “${name}” saved` });
        }}
      >
        <div className="form-grid">
          <label htmlFor={`${id}-template-name`}>Name</label>
          <input
            id={`${id}-template-name`}
            value={templateName}
            onChange={(event) => setTemplateName(event.target.value)}
            autoComplete="off"
          />
        </div>
      </FormDialog>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
});
