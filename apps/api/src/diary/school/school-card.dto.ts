import { ApiProperty } from '@nestjs/swagger';

export class CardPersonView {
  @ApiProperty({ example: 'Кузнецова Ольга Викторовна' }) fullName: string;
  @ApiProperty({ example: 'Директор' }) position: string;
}

export class CardYearView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2026/2027' }) name: string;
  @ApiProperty({ example: '2026-09-01' }) startsOn: string;
  @ApiProperty({ example: '2027-05-31' }) endsOn: string;
}

export class CardHolidayView {
  @ApiProperty({ example: 'Осенние каникулы' }) name: string;
  @ApiProperty({ enum: ['holiday', 'vacation'] }) kind: string;
  @ApiProperty({ example: '2026-10-26' }) startsOn: string;
  @ApiProperty({ example: '2026-11-03' }) endsOn: string;
  @ApiProperty({ example: 1 }) gradeFrom: number;
  @ApiProperty({ example: 11 }) gradeTo: number;
}

export class CardBellSlotView {
  @ApiProperty({ example: 1 }) lessonNumber: number;
  @ApiProperty({ example: '08:00' }) startsAt: string;
  @ApiProperty({ example: '08:45' }) endsAt: string;
}

export class CardBellScheduleView {
  @ApiProperty({ example: 'Основное' }) name: string;
  @ApiProperty({ type: [Number], example: [1, 2, 3, 4, 5] }) weekdays: number[];
  @ApiProperty({ type: [CardBellSlotView] }) slots: CardBellSlotView[];
}

export class SchoolCardView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 17»' }) name: string;
  @ApiProperty({ example: 'МБОУ СОШ № 17' }) shortName: string;
  @ApiProperty({ example: 'г. Тверь, ул. Школьная, д. 5' }) address: string;
  @ApiProperty({ type: String, nullable: true, example: '+7 4822 00-00-00' }) phone: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'school17@example.ru' }) email: string | null;
  @ApiProperty({ example: 'Europe/Moscow' }) timeZone: string;
  @ApiProperty({ type: [CardPersonView], description: 'Director and deputies' }) administration: CardPersonView[];
  @ApiProperty({ type: CardYearView, nullable: true, description: 'The academic year under way (or the next one)' }) academicYear: CardYearView | null;
  @ApiProperty({ type: [CardHolidayView] }) holidays: CardHolidayView[];
  @ApiProperty({ type: [CardBellScheduleView] }) bells: CardBellScheduleView[];
}
