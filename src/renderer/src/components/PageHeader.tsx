import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';

/**
 * Set by a pane that shows a view inside another (the queue's split view): its header becomes a
 * second-level heading with its own id, so the page keeps one h1 and ids stay unique.
 */
export const EmbeddedViewContext = createContext(false);

let headingFocusPending = false;

/**
 * Moves focus to the view's heading after a navigation, so keyboard and screen-reader users land
 * in the new view; a view that is still loading takes it when its heading appears.
 */
export function focusViewHeading(): void {
  const heading = document.getElementById('page-title');
  headingFocusPending = heading === null;
  heading?.focus();
}

/** The title bar of a view: its heading (focused on navigation), a subtitle and actions. */
export function PageHeader(props: { title: string; subtitle?: ReactNode; actions?: ReactNode }) {
  const embedded = useContext(EmbeddedViewContext);
  const Heading = embedded ? 'h2' : 'h1';
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (embedded || !headingFocusPending) return;
    headingFocusPending = false;
    headingRef.current?.focus();
  }, [embedded]);
  return (
    <header className="page-header">
      <div>
        <Heading ref={headingRef} id={embedded ? 'pane-title' : 'page-title'} tabIndex={-1}>
          {props.title}
        </Heading>
        {props.subtitle ? <p className="page-subtitle">{props.subtitle}</p> : null}
      </div>
      {props.actions ? <div className="page-actions">{props.actions}</div> : null}
    </header>
  );
}
