import './policies.css';
import { Tab, TabList, TabPanel, Tabs } from 'react-aria-components';
import { PageHeader } from '../../components/PageHeader';
import { useEffect } from 'react';
import { useDeskStore } from '../../store';
import { restoredDraftToast } from '../rules/kept-draft';
import { TeamRulesNotice } from '../sync/TeamRulesNotice';
import { useWarmPreview } from '../rules/WhatIfPanel';
import { keepPolicyEditorDrafts } from './kept-editor-drafts';
import { CalendarsTab } from './CalendarsTab';
import { PoliciesTab } from './PoliciesTab';

/** SLA policies and business calendars: an editor for each, on two tabs. */
export function PoliciesView() {
  useWarmPreview();
  const pushToast = useDeskStore((state) => state.pushToast);
  // Unsaved work survives a restart: kept in the database, restored with a word.
  useEffect(
    () =>
      keepPolicyEditorDrafts((at) =>
        pushToast(restoredDraftToast('policy and calendar changes', at)),
      ),
    [pushToast],
  );
  return (
    <>
      <PageHeader
        title="SLA policies"
        subtitle="Response, update and resolution targets, business calendars and pause rules."
      />
      <TeamRulesNotice />
      <Tabs className="policy-tabs" defaultSelectedKey="policies">
        <TabList aria-label="SLA policies and calendars" className="policy-tab-list">
          <Tab id="policies" className="policy-tab">
            Policies
          </Tab>
          <Tab id="calendars" className="policy-tab">
            Calendars
          </Tab>
        </TabList>
        <TabPanel id="policies" className="policy-tab-panel">
          <PoliciesTab />
        </TabPanel>
        <TabPanel id="calendars" className="policy-tab-panel">
          <CalendarsTab />
        </TabPanel>
      </Tabs>
    </>
  );
}
