/**
 * A daily window in which a workload keeps a higher floor of replicas (seed 004: agent teams keep
 * 5 from 08:00 to 18:00 America/New_York and may fall to 0 otherwise). Rendered as KEDA cron
 * triggers; validated where it is used, so errors name the construct.
 */
export class ScaleSchedule {
  /** Every day from `startHour` to `endHour` (whole hours, local to `timeZone`). */
  public static daily(options: ScaleScheduleOptions): ScaleSchedule {
    return new ScaleSchedule(options.timeZone, options.startHour, options.endHour, options.minReplicas, 7);
  }

  /** Monday to Friday from `startHour` to `endHour`; the weekend keeps the outside-window floor. */
  public static weekdays(options: ScaleScheduleOptions): ScaleSchedule {
    return new ScaleSchedule(options.timeZone, options.startHour, options.endHour, options.minReplicas, 5);
  }

  private constructor(
    public readonly timeZone: string,
    public readonly startHour: number,
    public readonly endHour: number,
    /** Floor inside the window. */
    public readonly minReplicas: number,
    /** Days a week the window opens: 7 (every day) or 5 (Monday to Friday). */
    public readonly daysPerWeek: 5 | 7,
  ) {}

  /** The cron day-of-week field. */
  private get dayOfWeek(): string {
    return this.daysPerWeek === 5 ? "1-5" : "*";
  }

  /** Cron expression for the window's start, as KEDA's cron scaler takes it. */
  public get startCron(): string {
    return `0 ${this.startHour} * * ${this.dayOfWeek}`;
  }

  public get endCron(): string {
    return `0 ${this.endHour % 24} * * ${this.dayOfWeek}`;
  }

  /** Hours a day inside the window on the days it opens. */
  public get hoursPerDay(): number {
    return this.endHour - this.startHour;
  }

  /** Share of the week inside the window (for cost estimates). */
  public get shareOfWeek(): number {
    return (this.hoursPerDay * this.daysPerWeek) / (24 * 7);
  }
}

/** The window of a `ScaleSchedule`. */
export interface ScaleScheduleOptions {
  readonly timeZone: string;
  readonly startHour: number;
  readonly endHour: number;
  readonly minReplicas: number;
}

/** Whether a string is an IANA time zone this runtime knows. */
export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
