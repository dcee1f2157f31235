import { BadRequestException, PipeTransform } from '@nestjs/common';
import { MAX_POSITION } from '../event-sourcing';

/** A path parameter that must be a global log position: plain digits, at most MAX_POSITION. */
export function positionParam(name: string): PipeTransform<string, number> {
  return {
    transform(value: string): number {
      const position = /^\d{1,16}$/.test(value) ? Number(value) : NaN;
      if (!(position >= 1 && position <= MAX_POSITION)) throw new BadRequestException(`${name} must be a log position (an integer from 1 to ${MAX_POSITION})`);
      return position;
    },
  };
}
