import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/** What a view shows when it has nothing yet: what will be here and what to do next. */
export function EmptyState(props: {
  icon: LucideIcon;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
}) {
  const Icon = props.icon;
  return (
    <section className="empty-state" aria-label={props.title}>
      <Icon className="empty-icon" aria-hidden="true" size={40} strokeWidth={1.5} />
      <h2>{props.title}</h2>
      <div className="empty-body">{props.children}</div>
      {props.actions ? <div className="button-row">{props.actions}</div> : null}
    </section>
  );
}
