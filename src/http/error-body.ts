import { ApiProperty } from '@nestjs/swagger';

/** The one shape every error response has (each route documents its own examples, see ApiErrors). */
export class ErrorBody {
  @ApiProperty({ type: 'integer' })
  statusCode: number;

  @ApiProperty({ description: 'The HTTP reason phrase of statusCode' })
  error: string;

  @ApiProperty({ description: 'What went wrong, naming the field or the resource' })
  message: string;
}
