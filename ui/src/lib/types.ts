// The shapes cchc-core sends and takes, as serde serialises them (snake_case fields).

export type Role = 'officer' | 'chairman' | 'admin';

export interface Commune {
  name: string;
  display_name: string;
  province: string;
  superior: string;
  current_year: number;
  is_demo: boolean;
}

export interface CommuneInput {
  name: string;
  province: string;
  superior: string;
  current_year: number;
}

export interface DemoAccount {
  username: string;
  password: string;
  role: Role;
  role_label: string;
  full_name: string;
}

export interface StartInfo {
  initialised: boolean;
  needs_first_account: boolean;
  commune: Commune | null;
  demo_accounts: DemoAccount[];
  suggested_year: number;
  data_dir: string;
}

/** What the account's role may do; decided in core, only read here to hide what would fail. */
export interface Capabilities {
  manage_accounts: boolean;
  edit_commune: boolean;
  read_audit: boolean;
  approve: boolean;
}

export interface RoleOption {
  value: Role;
  label: string;
}

export interface Account {
  id: number;
  officer_id: number;
  username: string;
  full_name: string;
  position: string;
  department: string;
  role: Role;
  role_label: string;
  active: boolean;
  can: Capabilities;
}

export interface NewAccount {
  full_name: string;
  position: string;
  department: string;
  username: string;
  password: string;
  role: Role;
}

export interface AccountUpdate {
  full_name: string;
  position: string;
  department: string;
  role: Role;
  active: boolean;
}

export interface Session {
  account: Account;
  commune: Commune;
  years: number[];
}

export interface Summary {
  year: number;
  commune: string;
  province: string;
  tasks: { total: number; done: number; overdue: number };
  sessions: { count: number; attendees: number; from: string | null; to: string | null };
  tthc: {
    received: number;
    online: number;
    bcci: number;
    resolved_early: number;
    resolved_on_time: number;
    resolved_late: number;
    in_progress: number;
    on_time_rate_pct: number | null;
    online_rate_pct: number | null;
  };
  scoring: { max_total: number; self_total: number; status: string };
}

export interface CommuneSettings {
  commune: Commune;
  superior_suggestions: string[];
  data_dir: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor_name: string;
  action: string;
  entity: string;
  entity_id: number | null;
  detail: string;
}

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

export interface ApiError {
  kind: string;
  message: string;
}

export interface Officer {
  id: number;
  full_name: string;
  position: string;
  department: string;
  active: boolean;
  has_account: boolean;
}

export interface OfficerInput {
  full_name: string;
  position: string;
  department: string;
  active: boolean;
}

export interface Area {
  id: number;
  name: string;
  position: number;
  active: boolean;
}

export type TaskStatus = 'not_started' | 'in_progress' | 'done' | 'done_late' | 'dropped';

export interface StatusOption {
  value: TaskStatus;
  label: string;
}

export interface PlanInfo {
  year: number;
  doc_number: string;
  /** ISO date (YYYY-MM-DD) or null. */
  issued_on: string | null;
}

export interface PlanScreen {
  info: PlanInfo;
  citation: string | null;
  figures: { total: number; done: number; overdue: number };
  areas: Area[];
  officers: Officer[];
  statuses: StatusOption[];
  today: string;
}

export interface Occurrence {
  seq: number;
  label: string;
  due: string;
  completed_on: string | null;
  overdue: boolean;
}

export interface Task {
  id: number;
  year: number;
  number: string;
  content: string;
  area_id: number;
  area_name: string;
  lead_officer_id: number | null;
  lead_officer_name: string | null;
  coordinators: string;
  deadline_text: string;
  deadline_kind: string;
  due: string;
  product: string;
  status: TaskStatus;
  status_label: string;
  completed_on: string | null;
  result: string;
  reason: string;
  solution: string;
  occurrences: Occurrence[];
  counted_done: boolean;
  overdue: boolean;
  next_due: string | null;
  days_left: number | null;
}

export interface TaskInput {
  number: string;
  content: string;
  area_id: number;
  lead_officer_id: number | null;
  coordinators: string;
  deadline: string;
  product: string;
  status: TaskStatus;
  completed_on: string | null;
  result: string;
  reason: string;
  solution: string;
}

export interface TaskFilter {
  area_id: number | null;
  officer_id: number | null;
  status: TaskStatus | null;
  query: string;
  overdue_only: boolean;
}

export interface Rollover {
  year: number;
  copied: number;
}

export type SessionKind = 'pbgdpl' | 'cchc';
export type SessionForm = 'conference' | 'village_meeting' | 'loudspeaker' | 'website' | 'law_quiz' | 'leaflets' | 'other';

export interface Choice<T> {
  value: T;
  label: string;
}

export interface Period {
  code: string;
  name: string;
  from: string;
  to: string;
}

export interface Material {
  kind: string;
  count: number;
}

export interface SessionInput {
  kind: SessionKind;
  held_on: string;
  place: string;
  village: string;
  form: SessionForm;
  form_other: string;
  content: string;
  laws: string[];
  audience: string;
  attendees: number;
  presenter_officer_id: number | null;
  presenter: string;
  materials: Material[];
  task_id: number | null;
  notes: string;
}

export interface OutreachSession extends SessionInput {
  id: number;
  kind_label: string;
  form_label: string;
  task_label: string | null;
}

export interface SessionFilter {
  kind: SessionKind | null;
  form: SessionForm | null;
  village: string;
  law: string;
  query: string;
}

export interface Tally {
  label: string;
  sessions: number;
  attendees: number;
}

export interface YearCounters {
  law_clubs: number;
  club_members: number;
  bookshelves: number;
}

export interface Form09a {
  period: Period;
  oral_sessions: number;
  oral_attendees: number;
  loudspeaker_programmes: number;
  website_posts: number;
  law_quizzes: number;
  quiz_entrants: number;
  counters: YearCounters;
  free_materials: Material[];
}

export interface SessionsScreen {
  periods: Period[];
  kinds: Choice<SessionKind>[];
  forms: Choice<SessionForm>[];
  officers: Officer[];
  tasks: { id: number; label: string }[];
  today: string;
}

export interface SessionsReport {
  period: Period;
  totals: {
    sessions: number;
    attendees: number;
    by_kind: Tally[];
    by_form: Tally[];
    by_law: Tally[];
    materials: Material[];
  };
  sessions: OutreachSession[];
  form_09a: Form09a;
}

export interface TthcCounts {
  received_direct: number;
  received_online: number;
  received_bcci: number;
  resolved_early: number;
  resolved_on_time: number;
  resolved_late: number;
  in_progress: number;
  returned: number;
}

export interface CountRow extends TthcCounts {
  procedure_code: string;
  procedure_name: string;
  field: string;
}

export interface Batch {
  id: number;
  from: string;
  to: string;
  label: string;
  source: string;
  total: TthcCounts;
  on_time_rate_pct: number | null;
  rows: CountRow[];
  row_on_time_rates: (number | null)[];
  counted: boolean;
  skipped_because: string | null;
}

export interface Catalogue {
  at_one_stop: number;
  not_at_one_stop: number;
  interlinked_same_level: number;
  interlinked_between_levels: number;
  online_partial: number;
  online_full: number;
  bcci: number;
  reviewed: number;
}

export interface Targets {
  online_rate_pct: number;
  on_time_rate_pct: number;
}

export interface Indicators {
  digital_teams: number;
  digital_team_members: number;
  survey_respondents: number;
  survey_satisfied: number;
  iso_status: string;
}

export interface OneStopYear {
  year: number;
  catalogue: Catalogue;
  targets: Targets;
  indicators: Indicators;
  satisfaction_pct: number | null;
  batches: Batch[];
  total: TthcCounts;
  received: number;
  resolved: number;
  on_time_rate_pct: number | null;
  online_rate_pct: number | null;
  on_time_gap: number | null;
  online_gap: number | null;
}

export interface Dashboard {
  summary: Summary;
  targets: Targets;
  on_time_gap: number | null;
  online_gap: number | null;
  progress_by_area: { area: string; done: number; open: number; overdue: number }[];
  records_by_period: { label: string; received: number; online: number; resolved: number }[];
  due_soon: Task[];
  my_tasks: Task[];
  score_by_field: { code: string; title: string; max: number; self_points: number }[];
  points_at_risk: number;
  waiting_scores: { full_code: string; title: string; state_label: string }[];
}

export type ScoreState = 'draft' | 'submitted' | 'approved' | 'returned';

export interface Level {
  label: string;
  points: number;
}

export interface LeafScore {
  assignee_officer_id: number | null;
  assignee_name: string | null;
  self_score: number | null;
  explanation: string;
  state: ScoreState;
  state_label: string;
  evidence_count: number;
  round1: number | null;
  round1_note: string;
  commune_explanation: string;
  round2: number | null;
  round2_note: string;
  linked_tasks_overdue: number;
}

export interface CriterionNode {
  id: number;
  code: string;
  full_code: string;
  title: string;
  kind: 'normal' | 'bonus' | 'penalty';
  max_points: number;
  effective_max: number;
  max_mismatch: boolean;
  children_sum: number | null;
  evidence_required: string;
  not_applicable: boolean;
  not_applicable_reason: string;
  levels: Level[];
  children: CriterionNode[];
  leaf: LeafScore | null;
  self_points: number;
  round1_points: number | null;
  round2_points: number | null;
  final_points: number | null;
  last_year_points: number | null;
  scored_leaves: number;
  leaves: number;
  without_evidence: number;
}

export interface AtRisk {
  id: number;
  full_code: string;
  title: string;
  max: number;
  self_score: number | null;
  stand_to_lose: number;
  reasons: string[];
}

export interface Sheet {
  year: number;
  title: string;
  decision: string;
  nodes: CriterionNode[];
  max_total: number;
  self_total: number;
  round1_total: number | null;
  round2_total: number | null;
  final_total: number | null;
  last_year_total: number | null;
  status: string;
  status_label: string;
  rating: string | null;
  rating_of: string;
  at_risk: AtRisk[];
  mismatches: string[];
}

export interface ScoringScreen {
  sheet: Sheet;
  officers: Officer[];
  scorable: number[];
  thresholds: { good_pct: number; fair_pct: number; average_pct: number } | null;
}

export interface ScoreEvent {
  at: string;
  code: string;
  actor_name: string;
  action: string;
  reason: string;
  detail: string;
}

export type TargetKind = 'criterion' | 'task' | 'session';

export interface Target {
  kind: TargetKind;
  id: number;
}

export interface Revision {
  revision: number;
  sha256: string;
  size: number;
  original_name: string;
  added_at: string;
  added_by: string;
}

export interface Usage {
  kind: TargetKind;
  id: number;
  year: number | null;
  label: string;
}

export interface EvidenceDocument {
  id: number;
  year: number | null;
  title: string;
  doc_number: string;
  doc_date: string | null;
  issuer: string;
  location: string;
  citation: string;
  current: Revision;
  revisions: Revision[];
  used_in: Usage[];
}

export interface DocumentInput {
  year: number | null;
  title: string;
  doc_number: string;
  doc_date: string | null;
  issuer: string;
  location: string;
}

export interface PackReport {
  path: string;
  year: number;
  files: number;
  documents: number;
  criteria: number;
  missing: number;
  problems: { message: string }[];
}

export type ImportKind = 'criteria' | 'tasks' | 'sessions' | 'tthc' | 'officers';

export interface ImportProblem {
  sheet: string;
  row: number;
  column: string;
  severity: 'error' | 'warning';
  message: string;
}

export interface ImportOutcome {
  kind: ImportKind;
  sheet: string;
  header_row: number;
  dry_run: boolean;
  applied: boolean;
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  problems: ImportProblem[];
  rows: { row: number; action: 'create' | 'update' | 'unchanged' | 'skip'; summary: string }[];
}

export type ReportKind = 'annual' | 'scoring' | 'plan' | 'sessions' | 'evidence';

export interface ReportKindInfo {
  kind: ReportKind;
  title: string;
  description: string;
  has_period: boolean;
  docx: boolean;
}

export interface ReportPeriod {
  code: string;
  name: string;
}

export interface ReportOptions {
  kinds: ReportKindInfo[];
  periods: ReportPeriod[];
  /** ISO date (YYYY-MM-DD). */
  today: string;
}

export interface ReportSigner {
  on_behalf: string;
  title: string;
  name: string;
}

export interface ReportSettings {
  number: string;
  place: string;
  recipients: string[];
  signer: ReportSigner;
}

/** The officer's own assessment printed in the annual report of a period. */
export interface Assessment {
  strengths: string;
  limits: string;
  causes: string;
  next_tasks: string;
  recommendations: string;
}

export type ReportFormat = 'pdf' | 'docx';

export interface ReportRequest {
  kind: ReportKind;
  year: number;
  period: string;
  /** ISO date (YYYY-MM-DD) printed as "…, ngày … tháng … năm …". */
  date: string;
  settings: ReportSettings;
  format: ReportFormat;
  /** Where to write; null writes into the app's report folder (preview). */
  out: string | null;
}

export interface MadeReport {
  path: string;
  /** 0 for docx. */
  pages: number;
  /** Bytes. */
  size: number;
  draft: boolean;
}

/** Payload of the `report-progress` event. */
export interface ReportProgress {
  done: number;
  total: number;
  stage: string;
}

/** Cài đặt › Chẩn đoán: the facts the support file carries. */
export interface DiagnosticsFacts {
  app_version: string;
  os: string;
  made_at: string;
  data_dir_bytes: number;
  database_bytes: number;
  evidence_files: number;
  evidence_bytes: number;
  log_files: string[];
  log_bytes: number;
  counts: { label: string; count: number }[];
  /** "ok", or what SQLite's quick check found. */
  database_check: string;
  settings: {
    commune: string;
    province: string;
    superior: string;
    current_year: number | null;
    years: number[];
    is_demo: boolean;
  };
}

export interface DiagnosticsInfo {
  facts: DiagnosticsFacts;
  logs_dir: string;
  verbose: boolean;
}

export interface DiagnosticsBundle {
  path: string;
  bytes: number;
  entries: string[];
}

/** Cài đặt › Mạng nội bộ. */
export interface NetworkSettings {
  enabled: boolean;
  port: number;
}

export interface NetworkStatus {
  settings: NetworkSettings;
  /** The screen may turn the host on and off (the desktop app on the host PC). */
  adjustable: boolean;
  listening: string | null;
  on_network: boolean;
  urls: string[];
  qr_svg: string | null;
  error: string | null;
  advice: string[];
}

export interface NetworkCheck {
  results: { url: string; reachable: boolean }[];
  public_network: boolean;
  advice: string[];
}

export interface ClientSession {
  id: number;
  account_id: number;
  username: string;
  full_name: string;
  client_address: string;
  client_label: string;
  created_at: string;
  last_seen_at: string;
}
