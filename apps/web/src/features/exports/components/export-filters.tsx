import { FilterBar } from '../../../components/filter-bar.tsx';
import { STATUS_FILTERS } from '../api/export-statuses.ts';

/** "All projects" as a value of its own: an empty value would fall back to the project the app was opened on. */
export const ALL_PROJECTS = 'all';

/** The export list's status filter and, for record types that belong to a project, its project filter. */
export function ExportFilterBar({
  status,
  project,
  showProject,
  openedProjectId,
  projects,
  onStatus,
  onProject,
}: {
  status: string;
  /** A Procore project id, or ALL_PROJECTS. */
  project: string;
  showProject: boolean;
  /** The project the app was opened on, if any. */
  openedProjectId: string | null | undefined;
  /** The projects with records of this type (absent while loading). */
  projects: ReadonlyArray<{ procoreId: string; name: string }> | undefined;
  onStatus: (status: string) => void;
  onProject: (project: string) => void;
}) {
  return (
    <FilterBar>
      <label>
        Status
        <select value={status} onChange={(e) => onStatus(e.target.value)}>
          {STATUS_FILTERS.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </select>
      </label>
      {showProject ? (
        <label>
          Project
          <select value={project} onChange={(e) => onProject(e.target.value)}>
            <option value={ALL_PROJECTS}>All projects</option>
            {/* The one asked for stays a choice even before its name has loaded (or when it has no records). */}
            {project !== ALL_PROJECTS && !projects?.some((p) => p.procoreId === project) ? (
              <option value={project}>{project === openedProjectId ? 'This project' : `Project ${project}`}</option>
            ) : null}
            {(projects ?? []).map((p) => (
              <option key={p.procoreId} value={p.procoreId}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </FilterBar>
  );
}
