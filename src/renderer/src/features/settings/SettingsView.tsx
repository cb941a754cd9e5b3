import { Monitor, Moon, Sun } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { AppInfo, HostSettings } from '@core/contracts';
import { Facts } from '../../components/Facts';
import { PageHeader } from '../../components/PageHeader';
import { AlertPreferencesCard } from '../alerts/AlertPreferencesCard';
import { AssistSettingsCard } from '../assist/AssistSettingsCard';
import { DemoDataCard } from '../demo/DemoDataCard';
import { SyncSettingsCard } from '../sync/SyncSettingsCard';
import { TransferCard } from '../transfer/TransferCard';
import { DATABASE_NAME } from '../../db/database';
import { useSetting, writeSetting, type ThemePreference } from '../../db/settings';
import { host } from '../../host';
import { useDeskStore } from '../../store';

const THEMES: { value: ThemePreference; label: string; icon: typeof Sun }[] = [
  { value: 'system', label: 'Match the system', icon: Monitor },
  { value: 'light', label: 'Light', icon: Sun },
  { value: 'dark', label: 'Dark', icon: Moon },
];

function AppearanceSection() {
  const stored = useSetting('theme') ?? 'system';
  // Shown at once on click; the live query catches up when the write lands.
  const [chosen, setChosen] = useState<ThemePreference | null>(null);
  const theme = chosen ?? stored;
  return (
    <section className="card" aria-labelledby="appearance-title">
      <h2 id="appearance-title">Appearance</h2>
      <fieldset className="choice-group">
        <legend>Theme</legend>
        {THEMES.map(({ value, label, icon: Icon }) => (
          <label key={value} className={theme === value ? 'choice selected' : 'choice'}>
            <input
              type="radio"
              name="theme"
              value={value}
              checked={theme === value}
              onChange={() => {
                setChosen(value);
                void writeSetting('theme', value);
              }}
            />
            <Icon size={16} aria-hidden="true" />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
    </section>
  );
}

function AlertsSection({ info }: { info: AppInfo | null }) {
  const pushToast = useDeskStore((state) => state.pushToast);
  const [hostSettings, setHostSettings] = useState<HostSettings | null>(null);
  const [testResult, setTestResult] = useState<string | null>(null);

  useEffect(() => {
    void host.getHostSettings().then(setHostSettings);
  }, []);

  const sendTest = async () => {
    const shown = await host.showNotification({
      title: 'Escalation Desk test alert',
      body: 'Breach alerts will look like this.',
      tag: 'desk-test',
    });
    if (shown) {
      setTestResult('A test notification was sent to your system.');
    } else {
      setTestResult(
        'System notifications are blocked or unavailable; alerts will show inside the desk instead.',
      );
      pushToast({
        tone: 'warning',
        title: 'Test alert',
        body: 'Breach alerts will look like this.',
      });
    }
  };

  return (
    <section className="card" aria-labelledby="alerts-title">
      <h2 id="alerts-title">Alerts</h2>
      {info?.hasTray && hostSettings ? (
        <label className="switch-row">
          <input
            type="checkbox"
            checked={hostSettings.keepRunningInTray}
            onChange={(event) =>
              void host
                .setHostSettings({ keepRunningInTray: event.target.checked })
                .then(setHostSettings)
            }
          />
          <span>
            <strong>Keep running for alerts</strong>
            <span className="muted block">
              Closing the window keeps the desk in the tray so SLA alerts keep coming.
            </span>
          </span>
        </label>
      ) : null}
      <div className="setting-row">
        <div>
          <strong>System notifications</strong>
          <p className="muted">
            {info?.notificationsSupported === false
              ? 'Not available here: alerts show inside the desk.'
              : 'Warnings and breaches are shown as system notifications.'}
          </p>
        </div>
        <button type="button" className="button" onClick={() => void sendTest()}>
          Send a test alert
        </button>
      </div>
      {testResult ? (
        <p className="muted" role="status">
          {testResult}
        </p>
      ) : null}
    </section>
  );
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}

function StorageSection() {
  const [usage, setUsage] = useState<string>('…');
  const [persisted, setPersisted] = useState<boolean | null>(null);
  useEffect(() => {
    void navigator.storage?.estimate?.().then((estimate) => {
      setUsage(
        `${formatBytes(estimate.usage ?? 0)} of ${formatBytes(estimate.quota ?? 0)} available`,
      );
    });
    void navigator.storage?.persisted?.().then(setPersisted);
  }, []);
  const requestPersistence = async () => setPersisted(await navigator.storage.persist());
  return (
    <section className="card" aria-labelledby="storage-title">
      <h2 id="storage-title">Local data</h2>
      <Facts
        rows={[
          [
            'Database',
            <>
              IndexedDB <code>{DATABASE_NAME}</code>
            </>,
          ],
          ['Space used', usage],
          [
            'Protected from clean-up',
            <>
              {persisted === null ? '…' : persisted ? 'Yes' : 'No'}
              {persisted === false ? (
                <button
                  type="button"
                  className="button small"
                  onClick={() => void requestPersistence()}
                >
                  Protect
                </button>
              ) : null}
            </>,
          ],
        ]}
      />
    </section>
  );
}

function AboutSection({ info }: { info: AppInfo | null }) {
  return (
    <section className="card" aria-labelledby="about-title">
      <h2 id="about-title">About</h2>
      {info ? (
        <Facts
          rows={[
            ['Version', info.version],
            ['Running as', info.host === 'electron' ? 'Desktop app' : 'Browser app'],
            ['Platform', info.platform || 'unknown'],
            ...Object.entries(info.versions).map(([name, version]): [string, string] => [
              `${name} version`,
              version,
            ]),
          ]}
        />
      ) : (
        <p className="muted">Reading…</p>
      )}
    </section>
  );
}

/** Preferences for this desk and this computer. */
export function SettingsView() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void host.getAppInfo().then(setInfo);
  }, []);
  return (
    <>
      <PageHeader title="Settings" subtitle="Preferences for this desk on this computer." />
      <div className="card-grid">
        <AppearanceSection />
        <AlertsSection info={info} />
        <AlertPreferencesCard />
        <AssistSettingsCard />
        <SyncSettingsCard />
        <StorageSection />
        <DemoDataCard />
        <TransferCard />
        <AboutSection info={info} />
      </div>
    </>
  );
}
