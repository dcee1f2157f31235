import { IsString, Length } from 'class-validator';

export class TransferFailedEvent {
  static readonly type = 'TransferFailed';
  static readonly version = 1;

  @IsString()
  @Length(1, 200)
  readonly transferId: string;

  @IsString()
  @Length(1, 500)
  readonly reason: string;

  constructor(transferId: string, reason: string) {
    this.transferId = transferId;
    this.reason = reason;
  }
}
