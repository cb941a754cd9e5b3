import { BookmarkPlus, Ellipsis } from 'lucide-react';
import { memo, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import { FormDialog } from '../../../components/FormDialog';
import { db } from '../../../db/database';
import type { QueueView } from '../view-state';
import { ViewNameField } from './SaveViewDialog';
import {
  deleteView,
  FALLBACK_VIEW_ID,
  renameView,
  setDefaultView,
  useQueueViews,
} from './saved-views';

const countFormat = new Intl.NumberFormat();

type ViewAction = 'rename' | 'make-default' | 'delete';

const ACTION_LABELS: Record<ViewAction, string> = {
  rename: 'Rename…',
  'make-default': 'Make default',
  delete: 'Delete…',
};

/** A view the user asked to rename or delete (a saved view that cannot be read can be deleted). */
interface Target {
  id: string;
  name: string;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function ViewMenu(props: {
  name: string;
  actions: readonly ViewAction[];
  disabled?: readonly ViewAction[];
  onAction(action: ViewAction): void;
}) {
  return (
    <MenuTrigger>
      <Button
        className="icon-button views-nav-menu-button"
        aria-label={`Actions for “${props.name}”`}
      >
        <Ellipsis size={16} aria-hidden="true" />
      </Button>
      <Popover className="views-menu-popover" placement="bottom end" offset={2}>
        <Menu
          className="views-menu"
          disabledKeys={props.disabled}
          onAction={(key) => props.onAction(key as ViewAction)}
        >
          {props.actions.map((action) => (
            <MenuItem
              key={action}
              id={action}
              className={action === 'delete' ? 'views-menu-item danger' : 'views-menu-item'}
            >
              {ACTION_LABELS[action]}
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

function ViewItem(props: {
  view: QueueView;
  active: boolean;
  isDefault: boolean;
  count: number | undefined;
  onSelect(): void;
  onAction(action: ViewAction): void;
}) {
  const { view } = props;
  return (
    <li className="views-nav-item" data-view-id={view.id}>
      <button
        type="button"
        className="views-nav-button"
        aria-current={props.active ? 'true' : undefined}
        onClick={props.onSelect}
      >
        <span className="views-nav-name" title={view.name}>
          {view.name}
        </span>
        {props.isDefault ? <span className="views-nav-tag">default</span> : null}
        {props.count === undefined ? null : (
          <span className="views-nav-count">
            <span className="visually-hidden">: </span>
            {countFormat.format(props.count)}
            <span className="visually-hidden"> tickets</span>
          </span>
        )}
      </button>
      <ViewMenu
        name={view.name}
        actions={view.builtIn ? ['make-default'] : ['rename', 'make-default', 'delete']}
        disabled={props.isDefault ? ['make-default'] : []}
        onAction={props.onAction}
      />
    </li>
  );
}

function RenameViewDialog(props: { view: Target; onClose(): void }) {
  const [name, setName] = useState(props.view.name);
  return (
    <FormDialog
      open
      onOpenChange={(open) => {
        if (!open) props.onClose();
      }}
      title={`Rename “${props.view.name}”`}
      description="Only the name changes; the view's columns, sort and filters stay as they are."
      submitLabel="Rename"
      onSubmit={() => renameView(db, props.view.id, name)}
    >
      <ViewNameField value={name} onChange={setName} />
    </FormDialog>
  );
}

/**
 * The queue's views: the built-in ones, then the user's saved views, each with how many open
 * tickets it shows. A view's menu renames it, makes it the default or deletes it (after a confirm).
 */
export const ViewsNav = memo(function ViewsNav(props: {
  activeId: string;
  /** View id → how many open tickets the view shows. */
  counts?: Readonly<Record<string, number>>;
  onSelect(view: QueueView): void;
  onSaveCurrent(): void;
  /** Built-in views of switched-off features ("High risk" with risk off): not listed. */
  hiddenIds?: ReadonlySet<string>;
}) {
  const views = useQueueViews();
  const { user, invalid, defaultId, loaded } = views;
  const hiddenIds = props.hiddenIds;
  const builtIn = useMemo(
    () => (hiddenIds ? views.builtIn.filter((view) => !hiddenIds.has(view.id)) : views.builtIn),
    [views.builtIn, hiddenIds],
  );
  const [renaming, setRenaming] = useState<Target | null>(null);
  const [deleting, setDeleting] = useState<Target | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const headingId = useId();
  const navRef = useRef<HTMLElement>(null);
  // Where focus goes when a dialog closes: back to the menu that opened it, or, once that view is
  // deleted, to the view now shown (the menu item that opened the dialog is gone).
  const returnFocusTo = useRef<{ menuOf: string } | 'current view' | null>(null);

  useEffect(() => {
    const destination = returnFocusTo.current;
    if (renaming || deleting || destination === null) return;
    returnFocusTo.current = null;
    // After the dialog's own focus restore, which runs on a timeout when it unmounts.
    const timer = setTimeout(() => {
      const nav = navRef.current;
      if (!nav) return;
      const items = [...nav.querySelectorAll<HTMLElement>('[data-view-id]')];
      const target =
        destination === 'current view'
          ? nav.querySelector<HTMLElement>('[aria-current="true"]')
          : items
              .find((item) => item.dataset.viewId === destination.menuOf)
              ?.querySelector<HTMLElement>('.views-nav-menu-button');
      (target ?? nav.querySelector<HTMLElement>('.views-nav-save'))?.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [renaming, deleting]);

  const act = (view: Target, action: ViewAction) => {
    setProblem(null);
    if (action === 'rename' || action === 'delete') returnFocusTo.current = { menuOf: view.id };
    if (action === 'rename') setRenaming(view);
    else if (action === 'delete') setDeleting(view);
    else setDefaultView(db, view.id).catch((error: unknown) => setProblem(message(error)));
  };

  const confirmDelete = async (target: Target) => {
    await deleteView(db, target.id);
    returnFocusTo.current = 'current view';
    if (target.id === props.activeId) {
      const nextId = defaultId === target.id ? FALLBACK_VIEW_ID : defaultId;
      const next = [...builtIn, ...user].find((view) => view.id === nextId) ?? builtIn[0];
      if (next) props.onSelect(next);
    }
  };

  const item = (view: QueueView) => (
    <ViewItem
      key={view.id}
      view={view}
      active={view.id === props.activeId}
      isDefault={loaded && view.id === defaultId}
      count={props.counts?.[view.id]}
      onSelect={() => props.onSelect(view)}
      onAction={(action) => act(view, action)}
    />
  );

  return (
    <nav aria-label="Queue views" className="views-nav" ref={navRef}>
      <ul className="views-nav-list">{builtIn.map(item)}</ul>
      <h2 id={headingId} className="views-nav-heading">
        Saved views
      </h2>
      {loaded && user.length === 0 && invalid.length === 0 ? (
        <p className="views-nav-empty">None yet.</p>
      ) : (
        <ul className="views-nav-list" aria-labelledby={headingId}>
          {user.map(item)}
          {invalid.map((view) => (
            <li key={view.id} className="views-nav-item broken" data-view-id={view.id}>
              <span className="views-nav-broken" title={view.problem}>
                <span className="views-nav-name">{view.name}</span>
                <span className="views-nav-problem">Can’t be opened: {view.problem}</span>
              </span>
              <ViewMenu
                name={view.name}
                actions={['delete']}
                onAction={(action) => act(view, action)}
              />
            </li>
          ))}
        </ul>
      )}
      {problem ? (
        <p className="views-nav-error" role="alert">
          {problem}
        </p>
      ) : null}
      <button type="button" className="button views-nav-save" onClick={props.onSaveCurrent}>
        <BookmarkPlus size={14} aria-hidden="true" />
        Save view…
      </button>
      {renaming ? (
        <RenameViewDialog key={renaming.id} view={renaming} onClose={() => setRenaming(null)} />
      ) : null}
      {deleting ? (
        <FormDialog
          open
          onOpenChange={(open) => {
            if (!open) setDeleting(null);
          }}
          title={`Delete the view “${deleting.name}”?`}
          description={
            deleting.id === defaultId
              ? 'It is your default view: the queue will open with “All open” instead. No tickets are changed.'
              : 'It is removed from your saved views on this computer. No tickets are changed.'
          }
          submitLabel="Delete view"
          destructive
          onSubmit={() => confirmDelete(deleting)}
        >
          {null}
        </FormDialog>
      ) : null}
    </nav>
  );
});
