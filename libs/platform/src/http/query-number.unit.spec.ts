import { plainToInstance } from 'class-transformer';
import { IsInt, IsNumber, IsOptional, validateSync } from 'class-validator';
import { QueryNumber } from './query-number';

class Paging {
  @IsOptional()
  @QueryNumber()
  @IsInt()
  offset?: number;

  @IsOptional()
  @QueryNumber()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  score?: number;
}

const failing = (query: Record<string, string>): string[] =>
  validateSync(plainToInstance(Paging, query)).map((error) => error.property);

describe('QueryNumber', () => {
  it('reads plain decimal text as a number', () => {
    expect(plainToInstance(Paging, { offset: '20', score: '-1.5' })).toMatchObject({ offset: 20, score: -1.5 });
    expect(failing({ offset: '0', score: '75' })).toEqual([]);
  });

  it.each(['0x10', '1e3', '', ' 5', '5 ', 'Infinity', '1.', '+2'])('refuses %j instead of guessing', (text) => {
    expect(failing({ offset: text })).toEqual(['offset']);
    expect(failing({ score: text })).toEqual(['score']);
  });
});
