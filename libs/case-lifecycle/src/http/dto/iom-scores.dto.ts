import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsNumber, Max, Min, registerDecorator, type ValidationArguments } from 'class-validator';
import { CASE_RULES, IOM_REFERRAL_FORM_ROUTE, type IomScores } from '../../domain';
import { RecordedFactDto } from './case-work.dto';

/** The three answers that make one assessment: OGRS, OVP and the robbery/burglary flag. */
export const IOM_SCORE_FIELDS = ['ogrs2', 'ovp2', 'robberyOrBurglaryLast2Years'] as const;
type ScoreField = (typeof IOM_SCORE_FIELDS)[number];
type WithScores = Partial<Record<ScoreField, unknown>> & { route?: unknown };

/** The scores as a form or the scores route answers them; the referral form may leave all three out. */
type ScoreAnswers = Partial<Record<'ogrs2' | 'ovp2', number>> & { robberyOrBurglaryLast2Years?: boolean };

/**
 * The assessment the answers give, in the domain's names; none unless all three are given. One
 * mapping for the referral and the scores route: the export once read these fields under the wrong
 * names and was always empty.
 */
export function iomScoresFrom(answers: Required<ScoreAnswers>): IomScores;
export function iomScoresFrom(answers: ScoreAnswers): IomScores | undefined;
export function iomScoresFrom({ ogrs2, ovp2, robberyOrBurglaryLast2Years }: ScoreAnswers): IomScores | undefined {
  if (ogrs2 === undefined || ovp2 === undefined || robberyOrBurglaryLast2Years === undefined) return undefined;
  return { ogrs2y: ogrs2, ovp2y: ovp2, robberyOrBurglaryInLast2Years: robberyOrBurglaryLast2Years };
}

const onForm = (body: WithScores): boolean => body.route === IOM_REFERRAL_FORM_ROUTE;
const anyScoreGiven = (body: WithScores): boolean => IOM_SCORE_FIELDS.some((field) => body[field] !== undefined);

/**
 * Whether a score field is checked: always off the referral form, and on it once any score is
 * given (all three together). null is not "absent": it is checked, and refused.
 */
export const scoresExpected = (body: object): boolean =>
  !onForm(body as WithScores) || anyScoreGiven(body as WithScores);

const others = (field: string): string => IOM_SCORE_FIELDS.filter((other) => other !== field).join(' and ');

/** A score missing where it must be given: off the form, or beside the other scores on it. */
function ScoreGiven(name: string, applies: (body: WithScores) => boolean, message: (field: string) => string) {
  return (target: object, propertyName: string) =>
    registerDecorator({
      name,
      target: target.constructor,
      propertyName,
      options: { message: (args: ValidationArguments) => message(args.property) },
      validator: {
        validate: (value: unknown, args: ValidationArguments) =>
          value !== undefined || !applies(args.object as WithScores),
      },
    });
}

/** The route gives the scores: only the referral form may leave them out. */
export const GivenOnRoute = () =>
  ScoreGiven(
    CASE_RULES.iomScoresOnRoute,
    (body) => !onForm(body),
    (field) => `${field} is required on this route: only the referral form may leave the OGRS/OVP scores out`,
  );

/** On the form, given with the other scores: a partial assessment judges nothing. */
export const GivenWithTheOtherScores = () =>
  ScoreGiven(
    CASE_RULES.iomScoresTogether,
    onForm,
    (field) => `${field} is missing: give it with ${others(field)}, or leave all three out`,
  );

/** Scores a coordinator records on an open IOM case, as probation assessed them. */
export class IomScoresDto extends RecordedFactDto {
  @ApiProperty({ minimum: 0, maximum: 100, description: 'OGRS 2-year score, percent' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  ogrs2!: number;

  @ApiProperty({ minimum: 0, maximum: 100, description: 'OVP 2-year score, percent' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  ovp2!: number;

  @ApiProperty({ description: 'A robbery or burglary offence in the last 2 years spent in the community' })
  @IsBoolean()
  robberyOrBurglaryLast2Years!: boolean;
}
