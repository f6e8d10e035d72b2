/** Props of a custom `DatabaseSize`. */
export interface DatabaseSizeProps {
  /** The RDS instance class, such as `db.m7g.large`. */
  readonly instanceClass: string;
  /** Storage allocated at creation. */
  readonly storageGiB: number;
  /**
   * The most storage RDS may grow to on its own (storage autoscaling).
   * @default - five times `storageGiB`
   */
  readonly maxStorageGiB?: number;
}

/** How big a database is: instance class and storage. */
export class DatabaseSize {
  /** 2 vCPUs (burstable), 4 GiB memory, 20 GiB storage growing to 100. */
  public static small(): DatabaseSize {
    return new DatabaseSize({ instanceClass: 'db.t4g.medium', storageGiB: 20 });
  }

  /** 2 vCPUs, 8 GiB memory, 100 GiB storage growing to 500. */
  public static medium(): DatabaseSize {
    return new DatabaseSize({ instanceClass: 'db.m7g.large', storageGiB: 100 });
  }

  /** 4 vCPUs, 32 GiB memory, 500 GiB storage growing to 2500. */
  public static large(): DatabaseSize {
    return new DatabaseSize({ instanceClass: 'db.r7g.xlarge', storageGiB: 500 });
  }

  /** Any instance class and storage. */
  public static custom(props: DatabaseSizeProps): DatabaseSize {
    return new DatabaseSize(props);
  }

  /** The RDS instance class, such as `db.m7g.large`. */
  public readonly instanceClass: string;
  /** Storage allocated at creation, in GiB. */
  public readonly storageGiB: number;
  /** The most storage, in GiB, that storage autoscaling may grow to: `props.maxStorageGiB`, or five times `storageGiB`. */
  public readonly maxStorageGiB: number;

  private constructor(props: DatabaseSizeProps) {
    this.instanceClass = props.instanceClass;
    this.storageGiB = props.storageGiB;
    this.maxStorageGiB = props.maxStorageGiB ?? 5 * props.storageGiB;
  }
}
