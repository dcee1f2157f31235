import { BadRequestException } from '@nestjs/common';
import { IsString } from 'class-validator';
import { MinPositionQuery } from './min-position.query';
import { RequestValidationPipe } from './request-validation.pipe';

class RequiredNameQuery {
  @IsString()
  name: string;
}

const asQuery = (metatype: new () => object) => ({ type: 'query' as const, metatype });

describe('RequestValidationPipe', () => {
  it('answers a fresh DTO instance for every empty query, after the first was validated', async () => {
    const pipe = new RequestValidationPipe();
    const first = await pipe.transform({}, asQuery(MinPositionQuery));
    const second = await pipe.transform({}, asQuery(MinPositionQuery));
    expect(first).toBeInstanceOf(MinPositionQuery);
    expect(second).toBeInstanceOf(MinPositionQuery);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
  });

  it('keeps refusing an empty query for a DTO that requires a parameter', async () => {
    const pipe = new RequestValidationPipe();
    for (let i = 0; i < 2; i++) await expect(pipe.transform({}, asQuery(RequiredNameQuery))).rejects.toBeInstanceOf(BadRequestException);
  });

  it('still validates a query with parameters once empty ones were taken', async () => {
    const pipe = new RequestValidationPipe();
    await pipe.transform({}, asQuery(MinPositionQuery));
    await expect(pipe.transform({ minPosition: '7' }, asQuery(MinPositionQuery))).resolves.toEqual({ minPosition: 7 });
    await expect(pipe.transform({ minPosition: '-1' }, asQuery(MinPositionQuery))).rejects.toBeInstanceOf(BadRequestException);
    await expect(pipe.transform({ sort: 'name' }, asQuery(MinPositionQuery))).rejects.toBeInstanceOf(BadRequestException);
  });

  it('does not take an empty body for an empty query', async () => {
    const pipe = new RequestValidationPipe();
    await pipe.transform({}, asQuery(RequiredNameQuery)).catch(() => undefined);
    await expect(pipe.transform({}, { type: 'body', metatype: RequiredNameQuery })).rejects.toBeInstanceOf(BadRequestException);
  });
});
