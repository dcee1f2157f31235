import { IsString, Length } from 'class-validator';

export class CounterCreatedEvent {
  static readonly type = 'CounterCreated';
  static readonly version = 1;

  @IsString()
  @Length(1, 200)
  readonly counterId: string;

  @IsString()
  @Length(1, 100)
  readonly name: string;

  constructor(counterId: string, name: string) {
    this.counterId = counterId;
    this.name = name;
  }
}
