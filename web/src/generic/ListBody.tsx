/**
 * The rows of a registry table (`<Datagrid body={LIST_BODY}>`): react-admin's DatagridBody drew each row as a
 * DatagridRow (a dozen hooks, a store subscription and a click handler per row), each cell as an MUI TableCell
 * around a field component (a context read, emotion styles serialised per element), and a full MUI Checkbox
 * per row: ≈ 1 ms of main-thread CPU a row, most of a list page's render after its data (issue 13 item 7).
 * Here a row is a plain <tr> of plain <td>s: a column's cell function (field-kinds.tsx `cell`) turns the
 * record into text, a link or chips; the table's styles are one emotion class on the <tbody> (the same rules
 * MUI's TableRow, TableCell and Checkbox give, on their class names); one click handler on the <tbody> does
 * what each row's did (row click, selection with shift, reference links). A column without a cell function
 * (a per-resource field override, the user of a `*_by`) renders its field component in the row's record
 * context, as before. The header, the bulk toolbar and the empty and loading states stay react-admin's.
 */
import { Children, isValidElement, memo, useCallback, useMemo, type MouseEvent, type ReactElement, type ReactNode } from 'react';
import { alpha, lighten, styled } from '@mui/material/styles';
import {
  RecordContextProvider,
  useGetPathForRecordCallback,
  useLocaleState,
  useNavigate,
  useResourceContext,
  useResourceDefinition,
  useTranslate,
  type DatagridBodyProps,
  type Identifier,
  type RaRecord,
} from 'react-admin';
import type { FieldMeta } from '../meta/meta-store';
import { KIND_UI, timestampCell, type Cell, type CellContext } from './field-kinds';
import { TimestampField } from './value-fields';
import { RefTable, useRefColumns, type TableRefs } from './ref-table';

interface Column {
  key: string;
  className: string;
  cell: Cell;
}

type FieldElement = ReactElement<{ source?: string; field?: FieldMeta; cellClassName?: string; textAlign?: string }> & {
  type: { textAlign?: string };
};

const fieldsOf = (children: ReactNode) => Children.toArray(children).filter(isValidElement) as FieldElement[];

/** The referenced resources of the registry columns among `children`. */
const refsOf = (fields: FieldElement[]): TableRefs => {
  const map = new Map<string, string[]>();
  for (const { props } of fields) {
    if (props.field?.kind === 'ref' && props.field.ref && props.source) map.set(props.field.ref, [...(map.get(props.field.ref) ?? []), props.source]);
  }
  return [...map];
};

const ALIGN: Record<string, string> = { right: ' MuiTableCell-alignRight', center: ' MuiTableCell-alignCenter' };

function columnOf(element: FieldElement, index: number, ctx: CellContext): Column {
  const { source, field, cellClassName, textAlign } = element.props;
  const align = ALIGN[textAlign ?? element.type.textAlign ?? ''] ?? '';
  const className = `MuiTableCell-root MuiTableCell-body MuiTableCell-sizeSmall${align} column-${source} RaDatagrid-rowCell${cellClassName ? ` ${cellClassName}` : ''}`;
  // a registry field drawn by its kind's own component (not an override): the kind's cell function. Other
  // columns may carry a `field` prop of their own meaning (ExpiringPage's DaysLeft: the date it counts to)
  const cell =
    field && source === field.key && element.type === KIND_UI[field.kind]?.Field
      ? KIND_UI[field.kind].cell(field, ctx)
      : element.type === TimestampField && source
        ? timestampCell(source)
        : undefined;
  return {
    key: source ?? String(index),
    className,
    cell: cell ?? ((record) => <RecordContextProvider value={record}>{element}</RecordContextProvider>),
  };
}

// MUI's CheckBoxOutlineBlank / CheckBox icons
const UNCHECKED = 'M19 5v14H5V5h14m0-2H5c-1.1 0-2 .9-2 2v14c0 1.1.9 2 2 2h14c1.1 0 2-.9 2-2V5c0-1.1-.9-2-2-2z';
const CHECKED = 'M19 3H5c-1.11 0-2 .9-2 2v14c0 1.1.89 2 2 2h14c1.11 0 2-.9 2-2V5c0-1.1-.89-2-2-2zm-9 14l-5-5 1.41-1.41L10 14.17l7.59-7.59L19 8l-9 9z';
const ignore = () => undefined;

interface RowProps {
  record: RaRecord;
  index: number;
  columns: Column[];
  /** the selection column, with its checkbox's state and label */
  selectable: boolean;
  checked: boolean;
  disabled: boolean;
  selectLabel: string;
  clickable: boolean;
}

const Row = memo(({ record, index, columns, selectable, checked, disabled, selectLabel, clickable }: RowProps) => (
  <tr
    data-index={index}
    className={`MuiTableRow-root MuiTableRow-hover RaDatagrid-row ${index % 2 ? 'RaDatagrid-rowOdd' : 'RaDatagrid-rowEven'}${
      selectable && !disabled ? ' RaDatagrid-selectable' : ''
    }${clickable ? ' RaDatagrid-clickableRow' : ''}${record.voided_at ? ' gsp-voided' : ''}`}
  >
    {selectable && (
      <td className="MuiTableCell-root MuiTableCell-body MuiTableCell-paddingCheckbox MuiTableCell-sizeSmall">
        <span className={`gsp-check select-item RaDatagrid-checkbox${checked ? ' Mui-checked' : ''}${disabled ? ' Mui-disabled' : ''}`}>
          <input type="checkbox" aria-label={selectLabel} checked={checked} disabled={disabled} onChange={ignore} />
          <svg focusable="false" aria-hidden="true" viewBox="0 0 24 24">
            <path d={checked ? CHECKED : UNCHECKED} />
          </svg>
        </span>
      </td>
    )}
    {columns.map((c) => (
      <td key={c.key} className={c.className}>
        {c.cell(record)}
      </td>
    ))}
  </tr>
));

const isPromise = (value: unknown): value is Promise<unknown> => !!value && typeof (value as Promise<unknown>).then === 'function';
const plainClick = (e: MouseEvent) => e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey;

const Rows = ({ data = EMPTY, children, hasBulkActions = false, onToggleItem, rowClick, selectedIds, isRowSelectable, className }: DatagridBodyProps) => {
  const resource = useResourceContext()!;
  const { hasShow, hasEdit } = useResourceDefinition();
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const refs = useRefColumns();
  const navigate = useNavigate();
  const getPathForRecord = useGetPathForRecordCallback();
  const fields = useMemo(() => fieldsOf(children), [children]);
  const yes = translate('ra.boolean.true');
  const no = translate('ra.boolean.false');
  const selectLabel = translate('ra.action.select_row', { _: 'Select this row' });
  const columns = useMemo(() => fields.map((f, i) => columnOf(f, i, { locale, refs, yes, no })), [fields, locale, refs, yes, no]);
  const selectable = hasBulkActions && !!selectedIds;
  const clickable = !!(rowClick ?? (hasShow || hasEdit));

  const toggle = useCallback(
    (record: RaRecord, e: MouseEvent) => {
      if (isRowSelectable && !isRowSelectable(record)) return;
      onToggleItem?.(record.id, e);
    },
    [isRowSelectable, onToggleItem],
  );
  // What DatagridRow did on a click, once for the table.
  const onClick = useCallback(
    async (e: MouseEvent<HTMLTableSectionElement>) => {
      const target = e.target as HTMLElement;
      const row = target.closest('tr');
      if (!row || row.parentElement !== e.currentTarget) return;
      const record = data[Number(row.dataset.index)];
      if (!record) return;
      const anchor = target.closest('a');
      if (anchor) {
        // a link in a cell goes where it says, not where the row goes (a new tab with a modifier key)
        if (anchor.dataset.nav && plainClick(e)) {
          e.preventDefault();
          navigate(anchor.dataset.nav);
        }
        return;
      }
      if (target.closest('.gsp-check')) {
        if (target instanceof HTMLInputElement) toggle(record, e);
        return;
      }
      e.persist?.();
      const chosen = typeof rowClick === 'function' ? rowClick(record.id, resource, record) : rowClick;
      const link = isPromise(chosen) ? await chosen : chosen;
      if (link === 'toggleSelection') return toggle(record, e);
      if (link === 'expand') return;
      const path = await getPathForRecord({ record, resource, link: link as Parameters<typeof getPathForRecord>[0]['link'] });
      if (path === false || path == null) return;
      navigate(path, { state: { _scrollToTop: true } });
    },
    [data, navigate, toggle, rowClick, resource, getPathForRecord],
  );

  return (
    <StyledBody className={`MuiTableBody-root datagrid-body RaDatagrid-tbody${className ? ` ${className}` : ''}`} onClick={onClick}>
      {data.map((record, index) => (
        <Row
          key={(record.id as Identifier) ?? `row${index}`}
          record={record}
          index={index}
          columns={columns}
          clickable={clickable}
          selectable={selectable}
          checked={selectable && !!selectedIds?.includes(record.id) && (!isRowSelectable || isRowSelectable(record))}
          disabled={selectable && !!isRowSelectable && !isRowSelectable(record)}
          selectLabel={selectLabel}
        />
      ))}
    </StyledBody>
  );
};

const EMPTY: RaRecord[] = [];

/** The body: the page's referenced records looked up once per referenced resource (ref-table.tsx), then the rows. */
const ListBody = (props: DatagridBodyProps) => {
  const refs = useMemo(() => refsOf(fieldsOf(props.children)), [props.children]);
  return (
    <RefTable refs={refs}>
      <Rows {...props} />
    </RefTable>
  );
};
// what MUI's Table looks for in a body child
(ListBody as unknown as { muiName: string }).muiName = 'TableBody';

export const LIST_BODY = <ListBody />;

/** MUI's TableRow (hover), TableCell (body, small, react-admin's checkbox padding) and Checkbox rules, once per table. */
const StyledBody = styled('tbody')(({ theme }) => ({
  '& > tr': { color: 'inherit', display: 'table-row', verticalAlign: 'middle', outline: 0 },
  '& > tr:hover': { backgroundColor: theme.palette.action.hover },
  '& > tr.gsp-voided': { opacity: 0.55, '& td': { textDecoration: 'line-through' } },
  '& > tr > td': {
    ...theme.typography.body2,
    display: 'table-cell',
    verticalAlign: 'inherit',
    borderBottom: `1px solid ${lighten(alpha(theme.palette.divider, 1), 0.88)}`,
    textAlign: 'left',
    padding: '6px 16px',
    color: theme.palette.text.primary,
  },
  '& > tr > td.MuiTableCell-alignRight': { textAlign: 'right', flexDirection: 'row-reverse' },
  '& > tr > td.MuiTableCell-alignCenter': { textAlign: 'center' },
  '& > tr > td.MuiTableCell-paddingCheckbox': { width: 24, padding: '0 8px' },
  '& .gsp-check': {
    position: 'relative',
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    boxSizing: 'border-box',
    verticalAlign: 'middle',
    borderRadius: '50%',
    color: theme.palette.text.secondary,
    cursor: 'pointer',
    '&:hover': { backgroundColor: alpha(theme.palette.primary.main, theme.palette.action.hoverOpacity) },
    '&.Mui-checked': { color: theme.palette.primary.main },
    '&.Mui-disabled': { color: theme.palette.action.disabled, cursor: 'default' },
    '&:has(> input:focus-visible)': { backgroundColor: alpha(theme.palette.primary.main, theme.palette.action.focusOpacity) },
    '& > input': { cursor: 'inherit', position: 'absolute', opacity: 0, width: '100%', height: '100%', top: 0, left: 0, margin: 0, padding: 0, zIndex: 1 },
    '& > svg': { width: '1em', height: '1em', fontSize: theme.typography.pxToRem(24), fill: 'currentColor', flexShrink: 0, userSelect: 'none' },
  },
  '& .gsp-ref': {
    color: theme.palette.primary.main,
    textDecoration: 'underline',
    textDecorationColor: alpha(theme.palette.primary.main, 0.4),
    '&:hover': { textDecorationColor: 'inherit' },
  },
  '& .gsp-pre': { whiteSpace: 'pre-wrap' },
  '& .gsp-bool': { display: 'inline-flex', verticalAlign: 'middle' },
  '& .gsp-icon': { width: '1em', height: '1em', fontSize: theme.typography.pxToRem(20), fill: 'currentColor', flexShrink: 0, userSelect: 'none' },
  '& .gsp-chip': {
    display: 'inline-flex',
    alignItems: 'center',
    height: 24,
    margin: '0 4px 0 0',
    padding: '0 8px',
    borderRadius: 12,
    fontSize: theme.typography.pxToRem(13),
    whiteSpace: 'nowrap',
    backgroundColor: theme.palette.action.selected,
    color: theme.palette.text.primary,
  },
}));
