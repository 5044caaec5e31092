/**
 * Name pools for synthetic people, by broad heritage, roughly ordered from common to rare so
 * that common names collide as they do in real referral data. Names are common given names and
 * surnames, not taken from any real record. Weights approximate an inner-London borough's mix.
 */
export interface NamePool {
  readonly heritage: string;
  readonly weight: number;
  readonly male: readonly string[];
  readonly female: readonly string[];
  readonly surnames: readonly string[];
}

const words = (text: string): string[] => text.trim().split(/\s+/);

export const NAME_POOLS: readonly NamePool[] = [
  {
    heritage: 'white-british',
    weight: 0.36,
    male: words(`James John David Michael Daniel Thomas Christopher Paul Mark Andrew Robert William Richard
      Matthew Steven Anthony Jack Joshua Ryan Liam Connor Kyle Lewis Callum Jordan Luke Adam Ben Jamie Dean
      Darren Craig Lee Wayne Shane Gary Scott Stuart Kevin Ian Neil Carl Jason Martin Peter George Harry
      Charlie Alfie Oliver Samuel Nathan Aaron Bradley Reece Kieran Declan Ashley Terry Barry Keith Colin
      Graham Derek Philip Stephen Jonathan Nicholas Alexander Edward Henry Frederick Joseph Leon Tyler Mason
      Brandon Jake Ethan Owen Dylan Toby Archie Harvey Kenneth Raymond Ronald Lawrence Timothy Douglas`),
    female: words(`Sarah Emma Laura Rebecca Jessica Charlotte Amy Hannah Lauren Sophie Chloe Katie Rachel Gemma
      Nicola Samantha Kelly Claire Lisa Michelle Donna Tracey Karen Sharon Julie Joanne Amanda Stacey Kerry
      Leanne Natalie Danielle Jade Kayleigh Shannon Courtney Megan Ellie Olivia Amelia Emily Grace Lucy
      Molly Holly Abigail Victoria Elizabeth Catherine Margaret Susan Patricia Deborah Jennifer Helen Louise
      Zoe Kimberley Christine Jacqueline Gillian Pamela Stephanie Alexandra Eleanor Frances Valerie Teresa
      Josephine Natasha Paige Jodie Kirsty Bethany Freya Poppy Isla Evie Millie Daisy Ruby Phoebe`),
    surnames: words(`Smith Jones Taylor Brown Williams Wilson Johnson Davies Robinson Wright Thompson Evans Walker
      White Roberts Green Hall Wood Jackson Clarke Harris Lewis Clark Patel Turner Hill Cooper Ward Morris
      Moore Baker King Harrison Morgan Allen James Scott Phillips Watson Davis Parker Price Bennett Young
      Griffiths Mitchell Kelly Cook Carter Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards
      Khan Marshall Anderson Simpson Ellis Adams Singh Begum Wilkinson Foster Chapman Powell Webb Rogers
      Gray Mason Ali Hunt Hussain Campbell Matthews Owen Palmer Holmes Mills Barnes Knight Lloyd Butler
      Russell Barker Fisher Stevens Jenkins Murray Dixon Harvey Graham Pearson Ahmed Fletcher Walsh Kaur
      Gibson Howard Andrews Stewart Elliott Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence
      Cole Atkinson Bradley Spencer Gill Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant Wells
      Armstrong Francis Rees Hayes Hart Hudson Newman Barrett Webster Hunter Gregory Carr Lowe Page Marsh
      Riley Dunn Woods Parsons Berry Stone Reid Holland Hawkins Harding Porter Robertson Newton Oliver Reed
      Kennedy Williamson Bird Gardner Shah Dean Lane Cooke Bates Henderson Parry Burgess Bishop Walton
      Burns Nicholson Shepherd Ross Cross Long Freeman Warren Nicholls Hamilton Byrne Sutton McDonald Yates
      Hodgson Robson Curtis Hopkins O'Connor Harper Coleman Watkins Moss McCarthy Chambers O'Neill Griffin
      Sharp Hardy Wheeler Potter Osborne Johnston Gordon Doyle Wallace George Jordan Hutchinson Rowe Burke
      May Pritchard Gilbert Willis Higgins Read Miles Stevenson Stephenson Hammond Arnold Buckley Walters
      Hewitt Barber Nelson Slater Austin Sullivan Whitehead Mann Frost Lambert Stephens Blake Akhtar Lynch
      Goodwin Barton Woodward Thomson Cunningham Quinn Barnett Baxter Bibi Clayton Nash Greenwood Jennings
      Holt Kemp Poole Gallagher Bond Stokes Tucker Davidson Fowler Heath Norman Middleton Lee Banks French
      Bowen Joyce Fraser Peacock Glover Sanders Cartwright-Hughes Smith-Jones Ashworth Fairclough Thorpe`),
  },
  {
    heritage: 'irish',
    weight: 0.05,
    male: words(`Sean Patrick Michael Liam Ciaran Conor Declan Eoin Padraig Niall Cathal Donal Fergal Cormac
      Oisin Ruairi Diarmuid Tadhg Colm Darragh Eamon Seamus Brendan Kieran Aidan Ronan Shane Killian
      Fionn Cillian Dermot Finbar Lorcan Senan`),
    female: words(`Siobhan Niamh Aoife Ciara Sinead Orla Roisin Grainne Caoimhe Aisling Saoirse Eimear Clodagh
      Deirdre Maeve Nuala Sorcha Blathnaid Mairead Bridget Maura Fiona Una Eileen Colette Dervla Aine`),
    surnames: words(`Murphy Kelly O'Sullivan Walsh O'Brien Byrne Ryan O'Connor O'Neill O'Reilly Doyle McCarthy
      Gallagher O'Doherty Kennedy Lynch Murray Quinn Moore McLaughlin O'Carroll Connolly Daly O'Connell
      Wilson Dunne Brennan Burke Collins Campbell Clarke Johnston Hughes O'Farrell Fitzgerald Brown Martin
      Maguire Nolan Flynn Thompson O'Callaghan O'Donnell Duffy O'Mahony Boyle Healy O'Shea White Sweeney
      Hayes Kavanagh Power McGrath Moran Brady Stewart Casey O'Keeffe Egan Dolan Cullen Mulligan Tierney
      Fahy Ni Bhriain Mac Giolla Phadraig`),
  },
  {
    heritage: 'south-asian',
    weight: 0.16,
    male: words(`Mohammed Muhammad Mohammad Ahmed Ali Hassan Imran Usman Bilal Adnan Asif Tariq Zubair Kamran
      Faisal Shahid Rizwan Arif Javed Nadeem Abdul Rahim Karim Shakil Rashid Sohail Amir Aamir Hamza Zain
      Ibrahim Yusuf Ismail Rayyan Ayaan Arjun Rohan Raj Rajesh Sanjay Vijay Anil Sunil Amit Nikhil Vikram
      Harpreet Gurpreet Jaswinder Manjit Sukhdev Ravinder Balvinder Kuldip Hardeep Jagdeep Ranjit Arun
      Deepak Pradeep Ashok Mahesh Suresh Ramesh Dinesh Kiran Jamal Shamim Shahjahan Mizanur Abdur Anwar
      Habib Nazrul Rafiq Saiful Shafiq Mujibur Jahangir Sajid Wasim Naveed Junaid Owais Saqib Danyal`),
    female: words(`Fatima Ayesha Aisha Zainab Maryam Amina Khadija Sana Hina Nadia Samina Shazia Rukhsana Nasreen
      Parveen Shabana Yasmin Farzana Shahnaz Rehana Nazia Saima Bushra Sadia Iqra Mehwish Anum Zara Aliya
      Sabrina Tasnim Sumaiya Nusrat Shirin Rahima Rokeya Jahanara Hasina Salma Amrit Harjit Jasbir
      Manpreet Rajinder Kulwant Gurdip Sukhjit Priya Anjali Pooja Neha Deepa Sunita Anita Geeta Kavita
      Nisha Asha Lata Meena Rekha Shanti Lakshmi Divya Shreya Riya Ananya Simran Navdeep Kiranjit`),
    surnames: words(`Khan Ahmed Ali Hussain Begum Patel Shah Akhtar Rahman Islam Iqbal Mahmood Uddin Miah Bibi
      Singh Kaur Sharma Kumar Mistry Malik Butt Bashir Rashid Aziz Chaudhry Chowdhury Hossain Sheikh Raja
      Qureshi Siddiqui Mirza Anwar Javed Yousaf Nawaz Riaz Sadiq Saleem Shafiq Tariq Zaman Haque Karim Alam
      Kabir Sarwar Latif Hamid Ashraf Aslam Parveen Arshad Dar Mughal Abbasi Awan Bhatti Gujral Sandhu
      Dhillon Gill Grewal Sidhu Bains Johal Sahota Virdi Bassi Mann Desai Joshi Mehta Shah Modi Parekh
      Chauhan Solanki Rana Thakkar Naidu Reddy Rao Iyer Nair Pillai Menon Bose Das Ghosh Mukherjee
      Chatterjee Banerjee Sen Dutta Roy Choudhury Talukdar Sarkar Mondal Haider Jamil Nasir Rauf Saeed`),
  },
  {
    heritage: 'black-african',
    weight: 0.1,
    male: words(`Oluwaseun Olumide Adebayo Babatunde Oluwatobi Chukwuemeka Chinedu Emeka Obinna Ikenna Kelechi
      Tunde Femi Segun Kayode Damilola Ayodele Adewale Kwame Kwabena Kofi Kojo Yaw Kwaku Kwasi Nana Kobina
      Abdi Abdullahi Abdirahman Mohamed Ahmed Hassan Omar Yusuf Ismail Mustafa Ibrahim Osman Liban Faisal
      Samuel Daniel Emmanuel David Michael Joshua Victor Godwin Blessing Prince Isaac Moses Solomon Tendai
      Tatenda Farai Kudakwashe Themba Sipho Mandla Thabo Jean-Pierre Patrice Didier Fabrice Armel`),
    female: words(`Folasade Funmilayo Oluwakemi Temitope Adaeze Chioma Ngozi Nneka Amaka Ifeoma Chiamaka Yetunde
      Bukola Titilayo Abimbola Omolara Olufunke Bisola Ama Akosua Abena Afua Adwoa Efua Yaa Esi Akua
      Fadumo Hodan Hawa Ayan Asha Sahra Ifrah Khadra Nimco Sagal Amina Halima Fatima Hibo Ubah Deqa
      Grace Blessing Faith Joy Mercy Esther Ruth Deborah Precious Favour Gift Patience Comfort Rudo
      Chipo Nyasha Tsitsi Thandiwe Nomvula Lerato Aminata Mariama Fatoumata Aissatou`),
    surnames: words(`Adeyemi Okafor Okonkwo Adebayo Olawale Ogunleye Babatunde Adeleke Oyelaran Akinola Afolabi Ojo
      Eze Nwosu Obi Okeke Uche Chukwu Ibe Nnamdi Onyeka Mensah Owusu Boateng Asante Osei Appiah Agyeman
      Darko Amoah Ofori Addo Badu Opoku Antwi Danquah Tetteh Quaye Lamptey Annan Mohamed Ali Ahmed Hassan
      Abdi Farah Omar Yusuf Warsame Jama Hersi Aden Osman Egal Dualeh Ismail Nur Mohamud Abdullahi Mwangi
      Kamau Otieno Ochieng Odhiambo Wanjiru Banda Phiri Moyo Ncube Dube Sibanda Chikwanha Mutasa Nkosi
      Dlamini Mbeki Diallo Bah Barry Sow Kamara Conteh Sesay Kanu Koroma Bangura Turay Mansaray Fofana`),
  },
  {
    heritage: 'black-caribbean',
    weight: 0.07,
    male: words(`Marcus Jermaine Tyrone Andre Dwayne Leroy Winston Delroy Errol Clive Lloyd Devon Kwame Nathaniel
      Isaiah Elijah Tyrese Kyle Jaden Malachi Jamal Trevor Desmond Everton Courtney Garfield Lennox Neville
      Ricardo Shaquille Kareem Rashid Dante Omari Kemar Junior Aston Barrington Carlton Denzel Fitzroy`),
    female: words(`Shanice Tanisha Kiesha Latoya Monique Jasmine Aaliyah Tiana Keisha Shantelle Marcia Yvonne Sonia
      Beverley Pauline Hyacinth Veronica Claudette Marlene Paulette Janice Donna Jacqueline Simone Kezia
      Naomi Tamara Chantelle Renee Danielle Ebony Imani Zara Amani Nadine Carlene Sharlene Patrice Rochelle`),
    surnames: words(`Campbell Williams Brown Thomas Francis Clarke Johnson Grant Henry Richards Roberts Anderson
      Edwards Lewis Powell Reid Robinson Samuels Forbes Gordon Morrison McKenzie Bailey Graham Stewart
      Allen Bennett Blake Douglas Ellis Fraser Gayle Hall Hines Jackson James Lawrence Lindo Marshall
      Nelson Palmer Simpson Spence Walker Watson Wright Young Thompson Daley Ferguson Dixon Gooden Beckford
      Chambers Bryan Wilks Mullings Ricketts Facey Stennett Gordon-Smith Clarke-Williams`),
  },
  {
    heritage: 'eastern-european',
    weight: 0.1,
    male: words(`Piotr Krzysztof Tomasz Pawel Michal Marcin Lukasz Jakub Kamil Mateusz Adam Bartosz Dawid Szymon
      Wojciech Grzegorz Rafal Mariusz Dariusz Andrzej Janusz Sebastian Damian Patryk Artur Robert Marek
      Ion Andrei Alexandru Mihai Florin Gheorghe Vasile Ionut Cristian Adrian Bogdan Marius Catalin Daniel
      Mindaugas Tomas Darius Audrius Vytautas Andrius Jonas Lukas Mantas Arturs Janis Edgars Martins
      Ivan Dmitri Sergei Oleksandr Vasyl Yuri Bogdan Nikola Stefan Georgi Dimitar Petar Milan Zoltan Laszlo`),
    female: words(`Anna Katarzyna Agnieszka Malgorzata Magdalena Joanna Monika Aleksandra Ewa Karolina Natalia
      Marta Paulina Justyna Dominika Weronika Zuzanna Wiktoria Julia Kinga Sylwia Beata Dorota Izabela
      Maria Elena Ioana Andreea Alexandra Mihaela Cristina Gabriela Florentina Raluca Denisa Roxana Daniela
      Ruta Egle Ieva Laura Greta Inga Kristina Jurgita Liga Ilze Kristine Olena Oksana Yulia Tetiana
      Svetlana Irina Natalya Desislava Petya Milena Ivana Jelena Zsofia Eszter Katalin`),
    surnames: words(`Nowak Kowalski Wisniewski Wojcik Kowalczyk Kaminski Lewandowski Zielinski Szymanski Wozniak
      Dabrowski Kozlowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Nowakowski Pawlowski
      Michalski Nowicki Adamczyk Dudek Zajac Wieczorek Jablonski Krol Majewski Olszewski Jaworski Wrobel
      Malinowski Pawlak Witkowski Walczak Stepien Gorski Rutkowski Michalak Sikora Ostrowski Baran Duda
      Szewczyk Tomaszewski Pietrzak Marciniak Wroblewski Zalewski Popescu Ionescu Popa Pop Radu Dumitru
      Stan Stoica Gheorghe Matei Ciobanu Rusu Munteanu Constantin Florea Moldovan Dinu Tudor Lungu Balan
      Kazlauskas Jankauskas Petrauskas Stankevicius Vasiliauskas Zukauskas Butkus Paulauskas Berzins
      Kalnins Ozols Jansons Liepins Shevchenko Kovalenko Bondarenko Tkachenko Kravchenko Ivanov Petrov
      Georgiev Dimitrov Horvat Kovacs Nagy Szabo Toth Varga Novak Dvorak Cerny Prochazka`),
  },
  {
    heritage: 'turkish-kurdish',
    weight: 0.05,
    male: words(`Mehmet Mustafa Ahmet Ali Huseyin Hasan Ibrahim Ismail Osman Yusuf Murat Emre Burak Serkan Kemal
      Cem Deniz Erkan Fatih Gokhan Hakan Kadir Levent Ozan Selim Tolga Umut Volkan Yasin Zeki Baran Rojhat
      Azad Serhat Kawa Dilan Berkay Engin`),
    female: words(`Ayse Fatma Emine Hatice Zeynep Elif Meryem Sultan Hulya Esra Gulsen Derya Ebru Seda Merve Ozlem
      Sibel Tugba Yasemin Dilek Burcu Canan Gamze Nurcan Songul Hacer Leyla Berfin Rojda Zozan Nazli Dilan`),
    surnames: words(`Yilmaz Kaya Demir Sahin Celik Yildiz Yildirim Ozturk Aydin Ozdemir Arslan Dogan Kilic Aslan
      Cetin Kara Koc Kurt Ozkan Simsek Polat Erdogan Ozer Aksoy Tekin Korkmaz Gunes Bulut Karaca Akin
      Keskin Aktas Ucar Tas Kaplan Oral Baysal Dag Bozkurt Duman Guler Sari Avci Erdem Kocak Temiz Zengin`),
  },
  {
    heritage: 'arab-and-other',
    weight: 0.04,
    male: words(`Mohammed Ahmed Ali Omar Khalid Youssef Hamza Karim Tariq Samir Nabil Walid Rami Sami Hussein
      Mahmoud Mustafa Ibrahim Adel Fadi Bassam Jamal Said Anas Bilal Ziad Majid Hadi Nasser Amr
      Wei Jun Hao Ming Minh Tuan Duc Hung Thanh Van Carlos Luis Jose Juan Miguel Diego Alejandro Joao`),
    female: words(`Fatima Aisha Mariam Noor Layla Rana Huda Salma Sara Yasmin Dina Rania Hana Lina Amal Samira
      Nadia Leila Mona Reem Zahra Iman Asma Jana Malak Mei Ling Xiu Lan Hoa Linh Mai Thu Maria Ana Lucia
      Carmen Isabel Sofia Gabriela Fernanda Beatriz`),
    surnames: words(`Mohamed Ahmed Ali Hassan Hussein Ibrahim Abdullah Saleh Mansour Haddad Khalil Nasser Farouk
      Aziz Salem Karim Younis Rahman Jaber Said Hamdan Osman Zaidi Al-Masri Al-Hashimi Al-Sayed El-Amin
      Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Nguyen Tran Le Pham Hoang Phan Vu Dang Bui Do
      Garcia Rodriguez Martinez Hernandez Lopez Gonzalez Perez Sanchez Ramirez Torres Silva Santos Oliveira
      Pereira Costa Ferreira`),
  },
];
