/**
 * The show page of any registry resource: every readable field, the audit trail fields, one tab per child
 * resource, the record's history, and the void action. Voided records stay viewable behind a banner.
 */
import { EditButton, ListButton, Show, TabbedShowLayout, TopToolbar, useLocaleState, useRecordContext } from 'react-admin';
import { findResource, useResourceMeta } from '../meta/meta-store';
import { pick } from '../meta/labels';
import { renderField } from './field-kinds';
import { AUDIT_TRAIL_FIELDS, renderSystemField } from './system-fields';
import { ChildTable } from './ChildTable';
import { DetailsGrid } from './DetailsGrid';
import { HistoryPanel } from './HistoryPanel';
import { VoidButton } from './VoidButton';
import { VoidedBanner } from './VoidedBanner';
import { LegacyFactsBanner } from './LegacyFactsBanner';
import { ReturnedToReviewBanner } from '../lifecycle/ReturnedToReviewBanner';
import { VerbButtons } from '../signatures/VerbButtons';
import { SignaturesPanel } from '../signatures/SignaturesPanel';
import { showActionsOf, showTabsOf } from '../workflows';

const WIDE = new Set(['textarea', 'json', 'list']);

const ShowActions = ({ editable, resource }: { editable: boolean; resource: string }) => {
  const record = useRecordContext();
  const extra = showActionsOf(resource);
  return (
    <TopToolbar>
      <ListButton />
      {/* EditButton and VoidButton ask canAccess (the permission matrix) themselves. */}
      {editable && !record?.voided_at && <EditButton />}
      {editable && <VoidButton />}
      <VerbButtons />
      {extra.map((Action, i) => (
        <Action key={i} />
      ))}
    </TopToolbar>
  );
};

export const GenericShow = () => {
  const resource = useResourceMeta();
  const [locale] = useLocaleState();
  // audit_log itself has no version and no history of its own.
  const audited = resource.name !== 'audit_log';
  return (
    <Show actions={<ShowActions editable={!resource.readOnly} resource={resource.name} />}>
      <VoidedBanner />
      <LegacyFactsBanner />
      <ReturnedToReviewBanner />
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="gsp.tabs.details">
          <DetailsGrid label={false} wide={resource.fields.filter((f) => WIDE.has(f.kind)).map((f) => f.key)}>
            {resource.fields.filter((f) => !f.writeOnly).map((f) => renderField(f, {}, resource.name))}
          </DetailsGrid>
          {audited && <DetailsGrid label={false}>{AUDIT_TRAIL_FIELDS.map((key) => renderSystemField(key)!)}</DetailsGrid>}
          <SignaturesPanel label={false} />
        </TabbedShowLayout.Tab>
        {resource.children.map((c) => (
          <TabbedShowLayout.Tab key={c.resource} label={pick(findResource(c.resource)?.label ?? { zh: c.resource, en: c.resource }, locale)} path={c.resource}>
            <ChildTable label={false} resource={c.resource} target={c.field} />
          </TabbedShowLayout.Tab>
        ))}
        {showTabsOf(resource.name).map(({ path, label, Component }) => (
          <TabbedShowLayout.Tab key={path} label={pick(label, locale)} path={path}>
            <Component />
          </TabbedShowLayout.Tab>
        ))}
        {audited && (
          <TabbedShowLayout.Tab label="gsp.tabs.history" path="history">
            <HistoryPanel label={false} />
          </TabbedShowLayout.Tab>
        )}
      </TabbedShowLayout>
    </Show>
  );
};
