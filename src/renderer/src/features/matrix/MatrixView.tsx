import {
  assistLevelWarnings,
  levelLabel,
  rowLabel,
  validateMatrix,
  type EscalationLevel,
  type EscalationMatrix,
  type EscalationRow,
  type MatrixProblem,
} from '@core/index';
import {
  AlertTriangle,
  ArrowDown,
  ArrowLeft,
  ArrowRight,
  ArrowUp,
  CheckCircle2,
  CircleX,
  Download,
  FileUp,
  LayoutTemplate,
  Pencil,
  Plus,
  Printer,
  Save,
  Trash2,
  Undo2,
} from 'lucide-react';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { DialogReturnsFocus } from '../../components/FormDialog';
import { PageHeader } from '../../components/PageHeader';
import { useSetting } from '../../db/settings';
import { formatFullDateTime } from '../../format';
import { useDeskStore } from '../../store';
import { RuleHistory } from '../rules/RuleHistory';
import { RulesInvalidError, saveMatrix, useActiveMatrix } from '../rules/rule-store';
import { useImpactConfirm } from '../rules/impact-confirm';
import { useWarmPreview, WhatIfPanel } from '../rules/WhatIfPanel';
import { TeamRulesNotice } from '../sync/TeamRulesNotice';
import { restoredDraftToast } from '../rules/kept-draft';
import { useMatrixDraftStore } from './draft-store';
import { keepMatrixDraft } from './kept-matrix-draft';
import { AssistWaitSummary } from './AssistWarnings';
import { LevelDialog } from './LevelDialog';
import { addLevel, addRow, hasUnsavedChanges, newId, updateLevel, updateRow } from './matrix-draft';
import { downloadMatrix, readMatrixFile, type MatrixFileResult } from './matrix-files';
import { levelKey, placeProblems, problemCountText } from './matrix-text';
import { inSentence, MatrixGrid, normalizeActive, type ActiveCell } from './MatrixGrid';
import { PrintView } from './PrintView';
import { ProblemList } from './ProblemList';
import { RowDialog } from './RowDialog';
import { TemplateDialog } from './TemplateDialog';
import { useMatrixSuggestions } from './use-matrix-suggestions';

/** What is open over the editor. */
type Editing =
  | { kind: 'row'; rowId: string | undefined }
  | { kind: 'level'; rowId: string; index: number | undefined; level: EscalationLevel }
  | { kind: 'template' }
  | { kind: 'remove_row'; rowId: string; fromGrid: boolean }
  | { kind: 'remove_level'; rowId: string; index: number; fromGrid: boolean }
  | { kind: 'import'; matrix: EscalationMatrix; fileName: string };

/** A new level's starting values: one step after the level before it. */
function newLevel(previous: EscalationLevel | undefined): EscalationLevel {
  const trigger = previous?.trigger;
  return {
    id: newId('level'),
    type: previous ? 'hierarchical' : 'functional',
    trigger:
      trigger?.kind === 'sla_percent'
        ? { ...trigger, percent: Math.min(100, trigger.percent + 15) }
        : trigger?.kind === 'risk_above'
          ? { ...trigger, score: Math.min(99, trigger.score + 10) }
          : trigger?.kind === 'sentiment_below'
            ? { ...trigger, score: Math.max(-0.95, Math.round((trigger.score - 0.2) * 100) / 100) }
            : { kind: 'after_minutes', minutes: 30, mode: trigger?.mode ?? 'business' },
    actions: [{ kind: 'reassign' }],
    repeat: { kind: 'none' },
  };
}

const NEW_ROW: EscalationRow = { id: '', name: '', criteria: {}, levels: [] };

/** The escalation matrix editor: who a ticket goes to, when, and what happens. */
export function MatrixView() {
  const stored = useActiveMatrix();
  const draft = useMatrixDraftStore((state) => state.draft);
  const dispatch = useMatrixDraftStore((state) => state.dispatch);
  const pushToast = useDeskStore((state) => state.pushToast);
  const suggestions = useMatrixSuggestions();
  useWarmPreview();
  const impact = useImpactConfirm();
  // Unsaved work survives a restart: kept in the database, restored with a word.
  useEffect(
    () => keepMatrixDraft((at) => pushToast(restoredDraftToast('matrix changes', at))),
    [pushToast],
  );
  const [editing, setEditing] = useState<Editing>();
  const [activeCell, setActiveCell] = useState<ActiveCell>();
  const [focusToken, setFocusToken] = useState(0);
  const [printing, setPrinting] = useState(false);
  const [imported, setImported] = useState<{ fileName: string; result: MatrixFileResult }>();
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = useId();

  const { matrix } = draft;
  const unsaved = hasUnsavedChanges(draft);
  const loaded = stored !== undefined && draft.baseline !== undefined;

  useEffect(() => {
    if (!stored) return;
    const first = draft.baseline === undefined;
    // A newer stored version (a rollback, a sync) replaces a draft without changes.
    if (first || (stored.version > draft.baseVersion && !hasUnsavedChanges(draft))) {
      dispatch({ kind: 'load', matrix: stored.matrix, version: stored.version });
    }
  }, [stored, draft, dispatch]);

  const problems = useMemo(() => validateMatrix(matrix), [matrix]);
  const placed = useMemo(() => placeProblems(problems), [problems]);
  // Risk and sentiment levels wait while their feature is off in Settings: said on each level.
  const assist = useSetting('assist');
  const assistWarnings = useMemo(
    () =>
      new Map(
        (assist ? assistLevelWarnings(matrix, assist) : []).map((warning) => [
          levelKey(warning.rowId, warning.index),
          warning,
        ]),
      ),
    [matrix, assist],
  );
  const errorCount = problems.filter((problem) => problem.severity === 'error').length;
  const hasErrors = errorCount > 0;
  const active = normalizeActive(matrix, activeCell);
  const activeRowIndex = matrix.rows.findIndex((row) => row.id === active?.rowId);
  const activeRow = matrix.rows[activeRowIndex];
  const activeLevel =
    active && activeRow && active.col >= 1 ? activeRow.levels[active.col - 1] : undefined;
  const proposed = useMemo(() => ({ matrix }), [matrix]);

  const rowPreview = useCallback(
    (row: EscalationRow): MatrixProblem[] => {
      const exists = matrix.rows.some((r) => r.id === row.id);
      const next = exists ? updateRow(matrix, row.id, row) : addRow(matrix, row);
      return validateMatrix(next).filter(
        (problem) => problem.rowId === row.id && problem.levelIndex === undefined,
      );
    },
    [matrix],
  );
  const editingLevel = editing?.kind === 'level' ? editing : undefined;
  const levelPreview = useCallback(
    (level: EscalationLevel): MatrixProblem[] => {
      if (!editingLevel) return [];
      const { rowId, index } = editingLevel;
      const row = matrix.rows.find((r) => r.id === rowId);
      const at = index ?? row?.levels.length ?? 0;
      const next =
        index === undefined
          ? addLevel(matrix, rowId, level)
          : updateLevel(matrix, rowId, index, level);
      return validateMatrix(next).filter(
        (problem) => problem.rowId === rowId && problem.levelIndex === at,
      );
    },
    [matrix, editingLevel],
  );

  const close = () => setEditing(undefined);
  // An edit made in a dialog moves focus to its cell in the grid once the dialog has gone (were
  // it moved sooner, the dialog's focus trap would pull it back), instead of the dialog's opener.
  const gridTakesFocus = useRef(false);
  const dialogReturnsFocus = useCallback(() => {
    if (!gridTakesFocus.current) return true;
    gridTakesFocus.current = false;
    setFocusToken((token) => token + 1);
    return false;
  }, []);
  const focusGrid = (cell: ActiveCell) => {
    gridTakesFocus.current = true;
    setActiveCell(cell);
  };

  const save = async () => {
    const toSave = matrix;
    const note = draft.origin;
    setSaving(true);
    setSaveError(undefined);
    try {
      const { version } = await saveMatrix(toSave, note ? { note } : {});
      dispatch({ kind: 'saved', matrix: toSave, version });
      setImported(undefined);
      pushToast({
        tone: 'success',
        title: `Escalation matrix saved as version ${version}`,
        body: note,
      });
    } catch (caught) {
      // The rules layer re-validates: its message lists what blocked the save.
      if (caught instanceof RulesInvalidError) setSaveError(caught.message);
      else
        setSaveError(
          `The matrix could not be saved: ${caught instanceof Error ? caught.message : String(caught)}`,
        );
    } finally {
      setSaving(false);
    }
  };

  const importFile = async (file: File) => {
    const result = readMatrixFile(file.name, await file.text());
    setImported({ fileName: file.name, result });
    if (!result.matrix) return;
    if (unsaved) setEditing({ kind: 'import', matrix: result.matrix, fileName: file.name });
    else dispatch({ kind: 'replace', matrix: result.matrix, origin: `Imported from ${file.name}` });
  };

  const editLevel = (rowId: string, index: number | undefined) => {
    const row = matrix.rows.find((r) => r.id === rowId);
    if (!row) return;
    const level = index === undefined ? newLevel(row.levels.at(-1)) : row.levels[index];
    if (level) setEditing({ kind: 'level', rowId, index, level });
  };
  const moveRow = (rowId: string, by: number) => dispatch({ kind: 'move_row', rowId, by });
  const moveLevel = (rowId: string, index: number, by: number) =>
    dispatch({ kind: 'move_level', rowId, index, by });

  const saveHelpId = `${ids}-save-help`;
  const hintId = `${ids}-keys`;
  const saveHelp = hasErrors
    ? `Fix ${errorCount === 1 ? 'the error' : `the ${errorCount} errors`} marked in the matrix to save.`
    : !unsaved
      ? 'No unsaved changes.'
      : problems.length
        ? 'Ready to save; warnings are allowed.'
        : 'Ready to save.';

  const headerActions = (
    <>
      <button
        type="button"
        className="button"
        disabled={printing}
        onClick={() => setEditing({ kind: 'template' })}
      >
        <LayoutTemplate size={16} aria-hidden="true" />
        Start from template
      </button>
      <label htmlFor={`${ids}-file`} className="visually-hidden">
        Import matrix file
      </label>
      <input
        id={`${ids}-file`}
        ref={fileInput}
        type="file"
        className="visually-hidden"
        tabIndex={-1}
        accept=".csv,.json,text/csv,application/json"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void importFile(file);
        }}
      />
      <button
        type="button"
        className="button"
        disabled={printing}
        onClick={() => fileInput.current?.click()}
      >
        <FileUp size={16} aria-hidden="true" />
        Import…
      </button>
      <button
        type="button"
        className="button"
        onClick={() => downloadMatrix(matrix, 'json', Date.now())}
      >
        <Download size={16} aria-hidden="true" />
        Export JSON
      </button>
      <button
        type="button"
        className="button"
        onClick={() => downloadMatrix(matrix, 'csv', Date.now())}
      >
        <Download size={16} aria-hidden="true" />
        Export CSV
      </button>
      <button
        type="button"
        className="button"
        aria-pressed={printing}
        onClick={() => setPrinting((on) => !on)}
      >
        <Printer size={16} aria-hidden="true" />
        Print view
      </button>
    </>
  );

  const editedRow =
    editing?.kind === 'row' || editing?.kind === 'level'
      ? matrix.rows.find((row) => row.id === editing.rowId)
      : undefined;
  const editedRowLabel = editedRow ? rowLabel(editedRow, matrix.rows.indexOf(editedRow)) : '';

  return (
    <DialogReturnsFocus.Provider value={dialogReturnsFocus}>
      <div className="matrix-page">
        <PageHeader
          title="Escalation matrix"
          subtitle="Criteria, levels, owners and triggers for functional, hierarchical and automatic escalation."
          actions={headerActions}
        />
        {printing ? null : <TeamRulesNotice />}
        {!loaded ? (
          <p className="muted">Loading the matrix…</p>
        ) : printing ? (
          <PrintView
            matrix={matrix}
            version={stored.version}
            updatedAt={stored.version ? stored.updatedAt : undefined}
            unsaved={unsaved}
            assist={assist}
            assistWarnings={assistWarnings}
            onBack={() => setPrinting(false)}
          />
        ) : (
          <>
            <div className="matrix-status" role="group" aria-label="Draft">
              <span className="muted">
                {stored.version ? `Saved version ${stored.version}` : 'No matrix saved yet'}
                {stored.version ? (
                  <span className="small-text"> · {formatFullDateTime(stored.updatedAt)}</span>
                ) : null}
              </span>
              {unsaved ? (
                <span className="chip tone-risk">
                  <Pencil size={12} aria-hidden="true" />
                  Unsaved changes{draft.origin ? ` · ${draft.origin}` : ''}
                </span>
              ) : null}
              <span
                className={`matrix-count ${hasErrors ? 'error' : problems.length ? 'warning' : 'ok'}`}
                aria-live="polite"
              >
                {hasErrors ? (
                  <CircleX size={16} aria-hidden="true" />
                ) : problems.length ? (
                  <AlertTriangle size={16} aria-hidden="true" />
                ) : (
                  <CheckCircle2 size={16} aria-hidden="true" />
                )}
                {problemCountText(problems)}
              </span>
              <span className="matrix-status-actions">
                <span id={saveHelpId} className="muted small-text">
                  {saveHelp}
                </span>
                <button
                  type="button"
                  className="button"
                  disabled={!unsaved || saving}
                  onClick={() => {
                    dispatch({ kind: 'discard' });
                    setImported(undefined);
                    setSaveError(undefined);
                  }}
                >
                  <Undo2 size={16} aria-hidden="true" />
                  Discard changes
                </button>
                <button
                  type="button"
                  className="button primary"
                  disabled={hasErrors || !unsaved || saving}
                  aria-describedby={saveHelpId}
                  onClick={() => impact.confirmThenSave(() => void save())}
                >
                  <Save size={16} aria-hidden="true" />
                  {saving ? 'Saving…' : 'Save matrix'}
                </button>
              </span>
            </div>
            {stored.version > draft.baseVersion ? (
              <p className="notice" role="status">
                Version {stored.version} was saved since this draft was started from version{' '}
                {draft.baseVersion}. Saving the draft replaces it; Discard changes loads it.
              </p>
            ) : null}
            {saveError ? (
              <p className="form-error" role="alert">
                {saveError}
              </p>
            ) : null}
            {imported ? (
              <ImportReport
                fileName={imported.fileName}
                result={imported.result}
                onDismiss={() => setImported(undefined)}
              />
            ) : null}
            {placed.general.length ? (
              <ProblemList problems={placed.general} className="matrix-general-problems" />
            ) : null}
            <AssistWaitSummary matrix={matrix} assist={assist} />

            <p className="muted matrix-order-note">
              Rows are checked from the top and the first row whose criteria match a ticket applies:
              put specific rows first and the fallback row (no criteria) last. Levels fire in order,
              L1 first.
            </p>

            <div className="matrix-toolbar" role="toolbar" aria-label="Matrix editing">
              <button
                type="button"
                className="button primary"
                onClick={() => setEditing({ kind: 'row', rowId: undefined })}
              >
                <Plus size={16} aria-hidden="true" />
                Add row
              </button>
              {activeRow ? (
                <>
                  <span className="matrix-toolbar-label" aria-live="polite">
                    Selected: {rowLabel(activeRow, activeRowIndex)}
                    {activeLevel ? `, ${levelLabel(activeLevel, active!.col - 1)}` : ''}
                  </span>
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      activeLevel
                        ? editLevel(activeRow.id, active!.col - 1)
                        : setEditing({ kind: 'row', rowId: activeRow.id })
                    }
                  >
                    <Pencil size={16} aria-hidden="true" />
                    {activeLevel ? 'Edit level' : 'Edit row'}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={activeRowIndex === 0}
                    onClick={() => moveRow(activeRow.id, -1)}
                  >
                    <ArrowUp size={16} aria-hidden="true" />
                    Move row up
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={activeRowIndex === matrix.rows.length - 1}
                    onClick={() => moveRow(activeRow.id, 1)}
                  >
                    <ArrowDown size={16} aria-hidden="true" />
                    Move row down
                  </button>
                  {activeLevel ? (
                    <>
                      <button
                        type="button"
                        className="button"
                        disabled={active!.col === 1}
                        onClick={() => {
                          moveLevel(activeRow.id, active!.col - 1, -1);
                          setActiveCell({ rowId: activeRow.id, col: active!.col - 1 });
                        }}
                      >
                        <ArrowLeft size={16} aria-hidden="true" />
                        Move level left
                      </button>
                      <button
                        type="button"
                        className="button"
                        disabled={active!.col === activeRow.levels.length}
                        onClick={() => {
                          moveLevel(activeRow.id, active!.col - 1, 1);
                          setActiveCell({ rowId: activeRow.id, col: active!.col + 1 });
                        }}
                      >
                        <ArrowRight size={16} aria-hidden="true" />
                        Move level right
                      </button>
                    </>
                  ) : null}
                  <button
                    type="button"
                    className="button"
                    onClick={() =>
                      activeLevel
                        ? setEditing({
                            kind: 'remove_level',
                            rowId: activeRow.id,
                            index: active!.col - 1,
                            fromGrid: false,
                          })
                        : setEditing({ kind: 'remove_row', rowId: activeRow.id, fromGrid: false })
                    }
                  >
                    <Trash2 size={16} aria-hidden="true" />
                    {activeLevel ? 'Remove level' : 'Remove row'}
                  </button>
                </>
              ) : null}
            </div>

            {matrix.rows.length ? (
              <MatrixGrid
                matrix={matrix}
                problems={placed}
                assistWarnings={assistWarnings}
                active={active}
                onActiveChange={setActiveCell}
                focusToken={focusToken}
                describedBy={hintId}
                onEditRow={(rowId) => setEditing({ kind: 'row', rowId })}
                onEditLevel={editLevel}
                onAddLevel={(rowId) => editLevel(rowId, undefined)}
                onMoveRow={moveRow}
                onMoveLevel={moveLevel}
                onRemoveRow={(rowId) => setEditing({ kind: 'remove_row', rowId, fromGrid: true })}
                onRemoveLevel={(rowId, index) =>
                  setEditing({ kind: 'remove_level', rowId, index, fromGrid: true })
                }
              />
            ) : (
              <div className="matrix-empty-state">
                <p>
                  <strong>The matrix has no rows.</strong> Start from a template, import a file, or
                  add a row; until a matrix is saved, escalations are routed by hand.
                </p>
              </div>
            )}
            <p id={hintId} className="muted small-text matrix-keys">
              Keys in the matrix: <kbd>←</kbd> <kbd>↑</kbd> <kbd>→</kbd> <kbd>↓</kbd> move between
              cells, <kbd>Home</kbd>/<kbd>End</kbd> to the row&apos;s start or end, <kbd>Enter</kbd>{' '}
              opens the cell, <kbd>Alt</kbd>+<kbd>↑</kbd>/<kbd>↓</kbd> moves the row, <kbd>Alt</kbd>
              +<kbd>←</kbd>/<kbd>→</kbd> moves the level, <kbd>Delete</kbd> removes the row or level
              (after asking).
            </p>

            <div className="matrix-after">
              <WhatIfPanel proposed={proposed} disabled={hasErrors} onPreview={impact.onPreview} />
              <RuleHistory kind="matrix" subject="active" />
            </div>
          </>
        )}

        {editing?.kind === 'template' ? (
          <TemplateDialog
            unsaved={unsaved}
            onClose={close}
            onUse={(template) => {
              dispatch({
                kind: 'replace',
                matrix: structuredClone(template.matrix),
                origin: `Started from template ${template.name}`,
              });
              setImported(undefined);
            }}
          />
        ) : null}
        {editing?.kind === 'import' ? (
          <ConfirmDialog
            title="Replace the draft?"
            description={`The draft has unsaved changes. Loading ${editing.fileName} replaces them.`}
            confirmLabel="Replace draft"
            onClose={close}
            onConfirm={() =>
              dispatch({
                kind: 'replace',
                matrix: editing.matrix,
                origin: `Imported from ${editing.fileName}`,
              })
            }
          />
        ) : null}
        {editing?.kind === 'row' ? (
          <RowDialog
            title={editedRow ? `Edit ${editedRowLabel}` : 'New row'}
            row={editedRow ?? NEW_ROW}
            suggestions={suggestions}
            preview={rowPreview}
            onClose={close}
            onApply={(row) => {
              if (editedRow) {
                dispatch({
                  kind: 'update_row',
                  rowId: row.id,
                  changes: { name: row.name, criteria: row.criteria },
                });
              } else {
                const id = newId('row');
                dispatch({ kind: 'add_row', row: { ...row, id } });
                focusGrid({ rowId: id, col: 1 });
              }
            }}
          />
        ) : null}
        {editing?.kind === 'level' && editedRow ? (
          <LevelDialog
            title={
              editing.index === undefined
                ? `New level for ${editedRowLabel}`
                : `Edit ${editedRowLabel}, L${editing.index + 1}`
            }
            level={editing.level}
            suggestions={suggestions}
            preview={levelPreview}
            onClose={close}
            onApply={(level) => {
              if (editing.index === undefined) {
                dispatch({ kind: 'add_level', rowId: editedRow.id, level });
                focusGrid({ rowId: editedRow.id, col: editedRow.levels.length + 1 });
              } else {
                dispatch({
                  kind: 'update_level',
                  rowId: editedRow.id,
                  index: editing.index,
                  level,
                });
              }
            }}
          />
        ) : null}
        {editing?.kind === 'remove_row' ? (
          <RemoveRowConfirm
            matrix={matrix}
            rowId={editing.rowId}
            onClose={close}
            onConfirm={() => {
              const index = matrix.rows.findIndex((row) => row.id === editing.rowId);
              const neighbour = matrix.rows[index + 1] ?? matrix.rows[index - 1];
              dispatch({ kind: 'remove_row', rowId: editing.rowId });
              if (neighbour && editing.fromGrid) focusGrid({ rowId: neighbour.id, col: 0 });
            }}
          />
        ) : null}
        {editing?.kind === 'remove_level' ? (
          <ConfirmDialog
            title="Remove level?"
            description={`${inSentence(
              rowLabel(
                matrix.rows.find((row) => row.id === editing.rowId)!,
                matrix.rows.findIndex((row) => row.id === editing.rowId),
              ),
            ).replace(
              /^row/,
              'Row',
            )}, L${editing.index + 1} is removed from the draft; the levels after it move up.`}
            confirmLabel="Remove level"
            onClose={close}
            onConfirm={() => {
              dispatch({ kind: 'remove_level', rowId: editing.rowId, index: editing.index });
              if (editing.fromGrid) focusGrid({ rowId: editing.rowId, col: editing.index + 1 });
            }}
          />
        ) : null}
        {impact.dialog}
      </div>
    </DialogReturnsFocus.Provider>
  );
}

function RemoveRowConfirm(props: {
  matrix: EscalationMatrix;
  rowId: string;
  onConfirm(): void;
  onClose(): void;
}) {
  const index = props.matrix.rows.findIndex((row) => row.id === props.rowId);
  const row = props.matrix.rows[index];
  if (!row) return null;
  const levels = row.levels.length;
  return (
    <ConfirmDialog
      title="Remove row?"
      description={`${rowLabel(row, index)} and its ${levels === 1 ? 'level' : `${levels} levels`} are removed from the draft.`}
      confirmLabel="Remove row"
      onClose={props.onClose}
      onConfirm={props.onConfirm}
    />
  );
}

/** What an import found: nothing loaded (errors), or loaded with warnings to review. */
function ImportReport(props: { fileName: string; result: MatrixFileResult; onDismiss(): void }) {
  const { issues, matrix } = props.result;
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  return (
    <section
      className={`matrix-import ${matrix ? 'loaded' : 'failed'}`}
      role={matrix ? 'status' : 'alert'}
      aria-label="Import result"
    >
      <p>
        {matrix ? (
          <>
            <CheckCircle2 size={16} aria-hidden="true" /> Loaded {props.fileName} into the draft (
            {matrix.rows.length} {matrix.rows.length === 1 ? 'row' : 'rows'}). Review it, then Save
            matrix.
          </>
        ) : (
          <>
            <CircleX size={16} aria-hidden="true" /> Nothing was imported from {props.fileName}:{' '}
            {errors} {errors === 1 ? 'error' : 'errors'} to fix in the file.
          </>
        )}
        <button type="button" className="button small" onClick={props.onDismiss}>
          Dismiss
        </button>
      </p>
      {issues.length ? (
        <ul className="matrix-problems">
          {issues.map((issue, index) => (
            <li key={index} className={`matrix-problem ${issue.severity}`}>
              {issue.severity === 'error' ? (
                <CircleX size={14} aria-hidden="true" />
              ) : (
                <AlertTriangle size={14} aria-hidden="true" />
              )}
              <span>
                <strong>
                  {issue.severity === 'error' ? 'Error' : 'Warning'}, {issue.place}:
                </strong>{' '}
                {issue.message}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
