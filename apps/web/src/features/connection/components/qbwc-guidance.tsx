/** What QBWC users need to know (embedded app; Intuit's QBWC Programmer's Guide, "Running the Web Connector"). */
export function QbwcGuidance() {
  return (
    <div>
      <ul>
        <li>
          <strong>Keep the Windows session logged in.</strong> The Web Connector runs as the logged-in Windows user; if that user logs off, no session runs.
          Locking the screen is fine.
        </li>
        <li>
          <strong>Hide or minimise the Web Connector, do not exit it.</strong> Closing its window with “Exit” stops the schedule until someone starts it again;
          use “Hide” instead.
        </li>
        <li>
          <strong>Use a QuickBooks admin user</strong> when first authorising this application in QuickBooks (Edit › Preferences › Integrated Applications), and
          let it log in automatically (“Yes, always allow access even if QuickBooks is not running”).
        </li>
        <li>
          <strong>Keep company files outside Dropbox, OneDrive and other sync folders.</strong> Syncing tools lock or copy the file mid-session and can corrupt
          it; keep it on a local disk or a proper network share.
        </li>
        <li>
          <strong>One PC, several company files:</strong> give each its own .qwc and stagger their schedules (for example every 15 minutes, starting 5 minutes
          apart) so two sessions do not open QuickBooks at once.
        </li>
      </ul>
    </div>
  );
}
