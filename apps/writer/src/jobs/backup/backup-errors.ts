/** Why a backup was refused or failed; `code` is stable. */
export class BackupError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'BackupError';
    this.code = code;
  }
}

/** The backup folder's file system has too little room for the copy (`BACKUP_NO_ROOM`). */
export class BackupNoRoomError extends BackupError {
  readonly neededBytes: number;
  readonly availableBytes: number;
  constructor(dir: string, neededBytes: number, availableBytes: number) {
    super(
      'BACKUP_NO_ROOM',
      `backup refused: ${dir} has ${availableBytes} bytes free and the backup needs ${neededBytes} ` +
        '(the uncompressed copy of the database and a margin); free some room there or set ' +
        '[cleanup] backup_dir to a folder on a larger disk (and backup_keep to keep fewer)',
    );
    this.name = 'BackupNoRoomError';
    this.neededBytes = neededBytes;
    this.availableBytes = availableBytes;
  }
}
