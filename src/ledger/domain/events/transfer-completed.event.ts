import { IsString, Length } from 'class-validator';

export class TransferCompletedEvent {
  static readonly type = 'TransferCompleted';
  static readonly version = 1;

  @IsString()
  @Length(1, 200)
  readonly transferId: string;

  constructor(transferId: string) {
    this.transferId = transferId;
  }
}
