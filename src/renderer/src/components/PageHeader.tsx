import { createContext, useContext, type ReactNode } from 'react';

/**
 * Set by a pane that shows a view inside another (the queue's split view): its header becomes a
 * second-level heading with its own id, so the page keeps one h1 and ids stay unique.
 */
export const EmbeddedViewContext = createContext(false);

/** The title bar of a view: its heading (focused on navigation), a subtitle and actions. */
export function PageHeader(props: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  const embedded = useContext(EmbeddedViewContext);
  const Heading = embedded ? 'h2' : 'h1';
  return (
    <header className="page-header">
      <div>
        <Heading id={embedded ? 'pane-title' : 'page-title'} tabIndex={-1}>
          {props.title}
        </Heading>
        {props.subtitle ? <p className="page-subtitle">{props.subtitle}</p> : null}
      </div>
      {props.actions ? <div className="page-actions">{props.actions}</div> : null}
    </header>
  );
}
