import { ApiProperty } from '@nestjs/swagger';

/** The one shape every error response has. */
export class ErrorBody {
  @ApiProperty({ example: 404 })
  statusCode: number;

  @ApiProperty({ example: 'Not Found' })
  error: string;

  @ApiProperty({ example: 'Counter 3f0c… not found' })
  message: string;
}
